-- GET /users/{id} as get_user.lua, with a bearer token: the difference between the two is the cost of verifying
-- a token (HS256 signature and claims) on every request. run.sh defines bench_token before this file.
local auth_headers = { ["Authorization"] = "Bearer " .. bench_token }

request = function()
  return wrk.format("GET", "/users/" .. math.random(1, 10000), auth_headers)
end
