-- wrk script: posts the public interest form, a new mover each time (distinct e-mails).
-- The token comes from the environment (a form token fetched once; it stays valid a day).
local counter = 0
local token = os.getenv("FORM_TOKEN")
request = function()
  counter = counter + 1
  local body = "token=" .. token .. "&first_name=Bench&last_name=Mover&email=bench" ..
    counter .. "." .. math.random(1, 1000000000) .. "%40example.nl&country=NL&place=Utrecht&adults=2&children=1" ..
    "&children_ages=6&help=job&m=lycksele&contact_via=email&contact_language=nl&consent=yes&message=Hallo"
  return wrk.format("POST", "/interest?lang=nl", { ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
end
