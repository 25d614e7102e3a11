-- GET /users?role=member: the first page of 20.
request = function()
  return wrk.format("GET", "/users?role=member")
end
