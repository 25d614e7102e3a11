-- 90% GET /users/{id}, 10% POST /users.
local counter = 0
request = function()
  counter = counter + 1
  if counter % 10 == 0 then
    return sign_up("Mixed", counter)
  end
  return wrk.format("GET", "/users/" .. math.random(1, 10000))
end
