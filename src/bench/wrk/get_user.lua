-- GET /users/{id} for random ids of the data set: the user with its profile and 10 posts.
request = function()
  return wrk.format("GET", "/users/" .. math.random(1, 10000))
end
