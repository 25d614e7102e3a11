-- POST /users with unique emails (see sign_up in common.lua).
local counter = 0
request = function()
  counter = counter + 1
  return sign_up("Bench", counter)
end
