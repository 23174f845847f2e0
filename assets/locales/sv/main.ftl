# Lotsbok – svenska (standardspråk)

app-name = Lotsbok
skip-to-content = Hoppa till innehållet
nav-label = Huvudmeny
nav-home = Start
nav-users = Användare
nav-outbox = Utkorg
language-switch = Språk
logout = Logga ut
footer-text = Lotsbok – inflyttarlotsarnas verktyg i Region 10
save = Spara
saved = Ändringarna är sparade.
actions = Åtgärder
form-has-errors = Formuläret behöver rättas
back-to-login = Till inloggningen
back-to-users = Tillbaka till användarna

# Fält
field-email = E-postadress
field-password = Lösenord
field-new-password = Nytt lösenord
field-new-password2 = Upprepa lösenordet
hint-password = Minst 12 tecken. En mening du minns fungerar bra.
field-name = Namn
field-roles = Roller
field-municipality = Kommun
field-municipality-guide = Kommun (för inflyttarlotsar)
field-language = Språk
field-status = Status
field-active = Kontot är aktivt (kan logga in)
municipality-none = Ingen

# Felmeddelanden
err-email-required = Skriv en e-postadress.
err-email-invalid = Skriv en e-postadress i formen namn@exempel.se.
err-email-taken = Det finns redan en användare med den e-postadressen.
err-password-required = Skriv ditt lösenord.
err-password-short = Lösenordet måste ha minst 12 tecken.
err-password-long = Lösenordet får ha högst 256 tecken.
err-password-mismatch = Lösenorden är inte lika. Skriv samma lösenord två gånger.
err-name-required = Skriv ett namn.
err-too-long = Texten är för lång.
err-role-required = Välj minst en roll.
err-guide-needs-municipality = En inflyttarlots måste ha en kommun. Välj kommun.
err-cannot-demote-self = Du kan inte ta bort din egen administratörsroll eller stänga ditt eget konto.
err-login-failed = Fel e-postadress eller lösenord.
err-login-throttled = För många misslyckade inloggningar. Vänta en kvart och försök igen, eller återställ lösenordet.

# Inloggning
login-title = Logga in
login-submit = Logga in
login-forgot = Glömt lösenordet?
logout-done = Du är utloggad.
password-set = Ditt lösenord är sparat. Logga in med det.

# Första start
setup-title = Skapa den första administratören
setup-intro = Lotsbok har ingen administratör ännu. Den du skapar här kan sedan bjuda in inflyttarlotsar och samordnare.
setup-submit = Skapa administratören
setup-done = Administratören är skapad och du är inloggad.

# Länkar i e-post
invite-title = Välj ditt lösenord
reset-title = Välj ett nytt lösenord
set-password-for = Lösenord för kontot
set-password-submit = Spara lösenordet
link-invalid-title = Länken fungerar inte
link-invalid-text = Länken är redan använd, har gått ut eller är felaktig. Ingenting har ändrats.
link-invalid-setup = Starta om Lotsbok för att få en ny länk, eller logga in om en administratör redan finns.
link-invalid-invite = Be en administratör att skicka en ny inbjudan.
link-invalid-reset = Be om en ny länk under ”Glömt lösenordet?” på inloggningssidan.
forgot-title = Återställ lösenordet
forgot-intro = Skriv e-postadressen till ditt konto, så skickar vi en länk där du väljer ett nytt lösenord.
forgot-submit = Skicka länken
forgot-sent = Om det finns ett konto med den adressen har vi skickat en länk dit. Länken gäller i en timme.

# Startsidan
home-title = Start
home-welcome = Välkommen, { $name }!
home-guide-title = Inflyttarlots
home-guide-municipality = Din kommun:
home-coordinator-title = Samordning
home-coordinator-text = Som samordnare ser du regionens samlade siffror, aldrig enskilda personer.
home-admin-title = Administration
home-admin-failed-mail = { $count ->
    [one] Ett e-brev kunde inte skickas. Se utkorgen.
   *[other] { $count } e-brev kunde inte skickas. Se utkorgen.
}

# Roller
role-guide = Inflyttarlots
role-coordinator = Samordnare
role-admin = Administratör
role-guide-long = Inflyttarlots (arbetar med en kommuns inflyttare)
role-coordinator-long = Samordnare (projektledare, projektadministratör, kommunikatör: regionala rapporter)
role-admin-long = Administratör (användare, utkorg, granskningslogg)

# Användare
users-title = Användare
users-invite = Bjud in en användare
users-last-login = Senast inloggad
users-reinvite = Skicka en ny inbjudan
status-active = Aktiv
status-inactive = Avstängd
status-invited = Inbjuden
invite-user-title = Bjud in en användare
invite-user-intro = Personen får ett e-brev med en länk där den väljer sitt lösenord. Länken gäller i en vecka.
invite-user-submit = Skicka inbjudan
invite-sent = Inbjudan är skickad.

# Utkorgen
outbox-title = Utkorg
outbox-intro = Alla e-brev Lotsbok skickar läggs här först. Brev som inte kunnat skickas försöks igen med allt längre mellanrum; de som gett upp visas med sitt senaste fel.
outbox-empty = Utkorgen är tom.
outbox-created = Skapat
outbox-recipient = Mottagare
outbox-subject = Ämne
outbox-attempts = Försök
outbox-last-error = Senaste fel
outbox-next-attempt = Nästa försök:
outbox-retry = Försök igen nu
outbox-retry-queued = Brevet skickas igen strax.
outbox-status-pending = Väntar
outbox-status-sent = Skickat
outbox-status-failed = Misslyckat

# Felsidor
error-404-title = Sidan finns inte
error-404-text = Sidan du söker finns inte, eller så har du inte tillgång till den.
error-403-title = Ingen behörighet
error-403-text = Ditt konto har inte behörighet till den här sidan.
error-csrf-title = Formuläret kunde inte skickas
error-csrf-text = Formuläret var för gammalt eller kom inte från Lotsbok, till exempel för att du loggats ut medan det var öppet. Ingenting har ändrats. Gå tillbaka, ladda om sidan och skicka igen.
error-413-title = För mycket data
error-413-text = Det du skickade var större än vad Lotsbok tar emot. Ingenting har sparats.
error-500-title = Något gick fel
error-500-text = Ett fel uppstod hos oss. Försök igen om en stund; om felet kvarstår, ge administratören felkoden nedan.
error-request-id = Felkod:
error-back-home = Till startsidan

# E-post
mail-signature = Lotsbok – inflyttarlotsarna i Region 10
mail-greeting = Hej { $name }!
mail-invite-subject = Du är inbjuden till Lotsbok
mail-invite-body = Du har fått ett konto i Lotsbok, inflyttarlotsarnas verktyg. Öppna länken nedan och välj ditt lösenord.
mail-link-valid-hours = Länken kan användas en gång och gäller i { $hours } timmar.
mail-link-valid-minutes = Länken kan användas en gång och gäller i { $minutes } minuter.
mail-reset-subject = Återställ ditt lösenord i Lotsbok
mail-reset-body = Någon (förhoppningsvis du) bad om att få välja ett nytt lösenord till ditt Lotsbok-konto. Öppna länken nedan.
mail-reset-ignore = Bad du inte om det kan du strunta i det här brevet; ditt lösenord är oförändrat.
