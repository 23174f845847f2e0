-- wrk script: posts the public interest form, a new mover each time (distinct e-mails per
-- thread and request). The token comes from the environment (fetched once; valid a day).
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local counter = 0
local token = os.getenv("FORM_TOKEN")
request = function()
  counter = counter + 1
  local body = "token=" .. token .. "&first_name=Bench&last_name=Mover&email=bench" .. tid .. "." ..
    counter .. "." .. os.time() .. "%40example.nl&country=NL&place=Utrecht&adults=2&children=1" ..
    "&children_ages=6&help=job&m=lycksele&contact_via=email&contact_language=nl&consent=yes&message=Hallo"
  return wrk.format("POST", "/interest?lang=nl", { ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
end
