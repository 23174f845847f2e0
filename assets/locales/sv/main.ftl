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
err-login-throttled = För många misslyckade inloggningar. Vänta några minuter och försök igen, eller återställ lösenordet.
err-login-busy = Många loggar in just nu. Försök igen om en stund.

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

# Gemensamt
choose = Välj …
all = Alla

# Intressenter (leads)
nav-leads = Intressenter
nav-follow-ups = Uppföljningar
nav-events = Evenemang
leads-title = Intressenter
leads-search = Sök
leads-search-hint = Namn, e-post, telefon eller ort
leads-more-filters = Fler filter
leads-filter-submit = Visa
leads-by-status = Antal per status
leads-found = { $count ->
    [one] 1 intressent
   *[other] { $count } intressenter
}
leads-found-more = Fler än { $count } intressenter
leads-updated = Senast ändrad
leads-created = Skapad
field-sort = Sortering
sort-updated_desc = Senast ändrad först
sort-updated_asc = Äldst ändrad först
sort-created_desc = Nyast först
sort-created_asc = Äldst först
sort-name = Efternamn
filter-created-from = Skapad från
filter-created-to = Skapad till
filter-updated-from = Ändrad från
filter-updated-to = Ändrad till
filter-overdue = Bara med försenade uppföljningar
pager-label = Sidor
pager-prev = Föregående sida
pager-next = Nästa sida
pager-position = Sida { $page } av { $pages }
pager-page = Sida { $page }

pool-title = Regional pool
pool-link = { $count ->
    [one] Regional pool: 1 intressent som inte valt kommun
   *[other] Regional pool: { $count } intressenter som inte valt kommun
}
pool-intro = Här finns intressenter som inte valt kommun ännu. Ta en till din kommun när du vill arbeta med den.
pool-take-intro = Intressenten finns i den regionala poolen. Tar du den till din kommun blir du ansvarig.
pool-take = Ta till min kommun
pool-taken = Intressenten är nu i din kommun.
pool-already-yours = Intressenten finns redan i din kommun, eller har tagits av någon annan.

lead-new-title = Ny intressent
lead-new-submit = Spara intressenten
lead-created = Intressenten är sparad.
lead-edit-title = Ändra hushållet
back-to-lead = Tillbaka till intressenten
lead-section-person = Person och kontakt
lead-section-household = Hushåll
lead-section-plans = Planer
lead-section-case = Ärendet
lead-lives-in = Bor nu
lead-also-interested = Är också intresserad av:
lead-consent = Samtycke
lead-consent-state-given = Givet { $date }
lead-consent-state-withdrawn = Återkallat { $date }
lead-consent-state-none = Inget registrerat
lead-next-follow-up = Nästa uppföljning
lead-next-none = Ingen planerad
lead-last-contact = Senaste kontakt
lead-last-contact-none = Ingen loggad ännu
lead-actions = Gör något med intressenten
follow-up-add-title = Planera uppföljning
field-first-name = Förnamn
field-last-name = Efternamn
field-phone = Telefon
field-country = Land
field-place = Ort
field-preferred-language = Föredraget språk
field-languages = Språk hushållet talar
hint-languages = Till exempel: nederländska, engelska
hint-contact = Ange minst e-post, telefon eller ort.
field-adults = Antal vuxna
field-children-birth-years = Barnens födelseår
hint-birth-years = Till exempel: 2016, 2019
field-occupation = Yrke
field-partner-occupation = Partnerns yrke
field-help-with = Vill ha hjälp med
help-job = Jobb
help-partner-job = Jobb till partnern
help-housing = Bostad
help-school = Skola eller förskola
help-business = Starta företag
help-leisure = Fritid
field-housing-wish = Boende
housing-rent = Hyra
housing-buy = Köpa
housing-unknown = Vet inte
field-move-when = När de kan tänka sig flytta
field-notes = Anteckningar om hushållet
field-source = Källa
field-campaign = Kampanj eller evenemang
campaign-none = Ingen
field-owner = Ansvarig
owner-none = Ingen
field-first-note = Första anteckning
duplicate-title = Finns redan?
duplicate-text = En intressent i din kommun har samma e-postadress eller telefonnummer. Öppna den, eller kryssa i rutan nedan och spara igen för att skapa en ny ändå.
duplicate-create-anyway = Skapa en ny intressent ändå

source-interest_form = Intresseformulär
source-fair = Mässa eller evenemang
source-phone = Telefon
source-email = E-post
source-walk_in = Besök
source-social_media = Sociala medier
source-referral = Hänvisning
source-other = Annat

status-new = Ny
status-contacted = Kontaktad
status-in_dialogue = I dialog
status-visit = Besök
status-decided = Beslutat att flytta
status-moved_in = Inflyttad
status-not_moving = Flyttar inte
status-moved_elsewhere = Flyttade någon annanstans
status-unreachable = Går inte att nå

reason-no_job = Inget jobb
reason-no_partner_job = Inget jobb till partnern
reason-no_housing = Ingen bostad
reason-school = Skola
reason-other = Annat

activity-call = Samtal
activity-email = E-post
activity-meeting = Möte
activity-visit = Besök
activity-event = Evenemang
activity-message = Meddelande
activity-note = Anteckning
direction-out = utgående
direction-in = inkommande
direction-none = Ingen riktning

country-SE = Sverige
country-NL = Nederländerna
country-DE = Tyskland
country-BE = Belgien
country-DK = Danmark
country-NO = Norge
country-FI = Finland
country-GB = Storbritannien
country-PL = Polen
country-CH = Schweiz
country-AT = Österrike
country-FR = Frankrike
country-ES = Spanien
country-IT = Italien
country-US = USA
country-ZZ = Annat land

follow-ups-title = Uppföljningar
follow-ups-none = Inga uppföljningar.
follow-up-done = klar
follow-up-overdue = försenad
follow-up-mark-done = Klar
follow-up-mark-done-label = Klar: ”{ $title }”
field-follow-up-title = Vad ska göras?
field-due-on = Datum
follow-up-add = Lägg till uppföljning
follow-up-saved = Uppföljningen är sparad.

log-contact-title = Logga kontakt
field-activity-kind = Typ
field-direction = Riktning
field-occurred-at = När
field-activity-body = Anteckning
log-contact-submit = Spara kontakten
activity-saved = Kontakten är sparad.
draft-recovered = Du loggades ut medan du skrev. Texten nedan är sparad: läs igenom den och spara den.
session-expired-draft-kept = Du hade loggats ut. Det du skrev är sparat och visas igen när du loggat in.

status-form-title = Status och utfall
status-moved-in-legend = Vid inflyttning
field-moved-in-on = Inflyttningsdatum
field-moved-adults = Vuxna som flyttade in
field-moved-children = Barn som flyttade in
field-reason-lost = Orsak (om de inte flyttar hit)
field-reason = Orsak
status-submit = Spara status
status-saved = Statusen är sparad.
outcome-moved-in = Flyttade in { $date }: { $adults } vuxna och { $children } barn.

referral-title = Hänvisa till en annan kommun
field-referral-kind = Hur
referral-handover = Lämna över (intressenten flyttas till den kommunen)
referral-share = Dela (båda kommunerna arbetar med intressenten)
field-to-municipality = Till kommun
referral-submit = Hänvisa
referral-saved = Hänvisningen är gjord.

merge-title = Kanske samma hushåll
merge-compare = Jämför och slå ihop
merge-compare-label = Jämför och slå ihop: { $name }
duplicate-why-email = samma e-postadress
duplicate-why-phone = samma telefonnummer
duplicate-why-name = liknande namn och samma barn
merge-search-title = Slå ihop { $name } med en annan intressent
merge-search-title-short = Slå ihop med en annan intressent
merge-search-label = Sök intressenten att slå ihop med
merge-search-submit = Sök
merge-search-none = Ingen annan intressent i din kommun stämmer med sökningen.
merge-search-more = Visar { $shown } av { $count }. Sök mer precist för att hitta fler.
merge-search-more-many = Visar { $shown } av fler än { $count }. Sök mer precist för att hitta fler.
merge-back = Tillbaka till { $name }
merge-preview-title = Slå ihop två intressenter
merge-preview-why = De liknar varandra:
merge-field = Uppgift
merge-field-name = Namn
merge-kept = Behålls
merge-gone = Slås ihop och försvinner
merge-after = Efter sammanslagningen
merge-preview-moves = { $entries } händelser i tidslinjen och { $follow_ups } uppföljningar flyttas till intressenten som behålls.
merge-preview-removed = { $name } (intressent nr { $id }) tas bort; uppgifter som bara fanns där fyller tomma fält, anteckningarna läggs ihop.
merge-confirm = Slå ihop
cancel = Avbryt
merge-done = Dubbletten är hopslagen.

timeline-title = Tidslinje
timeline-status = Status ändrad till { $status }
timeline-created = Skapad (källa: { $source })
timeline-merge = Dubblett nr { $id } hopslagen hit
timeline-referral-handover = Överlämnad till { $municipality }
timeline-referral-share = Delad med { $municipality }
timeline-referral-take = Tagen från regionala poolen till { $municipality }

err-first-name-required = Skriv förnamnet.
err-phone-invalid = Skriv ett telefonnummer med 6–20 siffror.
err-contact-required = Ange minst e-post, telefon eller ort, så att intressenten går att hitta igen.
err-country-invalid = Välj ett land i listan.
err-adults-invalid = Skriv antalet vuxna, 1–20.
err-birth-years-invalid = Skriv barnens födelseår med fyra siffror, åtskilda med komma.
err-source-required = Välj varifrån intressenten kom.
err-kind-required = Välj typ av kontakt.
err-datetime-invalid = Ange datum och tid.
err-datetime-future = Tiden ligger för långt fram.
err-note-required = Skriv anteckningen.
err-title-required = Skriv vad som ska göras.
err-date-invalid = Ange ett datum (ÅÅÅÅ-MM-DD).
err-status-required = Välj en status.
err-count-invalid = Skriv ett antal, 0–20.
err-nobody-moved = Minst en person måste ha flyttat in.
err-reason-required = Välj en orsak.
err-municipality-required = Välj en kommun.
err-already-there = Intressenten finns redan i den kommunen.

# Evenemang
events-title = Kampanjer och evenemang
events-none = Inga kampanjer eller evenemang ännu.
event-new-title = Nytt evenemang eller ny kampanj
field-event-kind = Typ
field-starts-on = Från
field-ends-on = Till
event-regional = Regionalt (alla kommuner)
event-create = Skapa
event-created = Evenemanget är skapat.
event-leads = Intressenter
event-moved-in = Inflyttade
back-to-events = Till alla evenemang
campaign-kind-fair = Mässa
campaign-kind-digital = Digital kampanj
campaign-kind-visit_weekend = Besökshelg
campaign-kind-other = Annat
follow-up-kind-task = Uppgift
follow-up-kind-stay_6 = Bor de kvar? (6 månader efter inflyttning)
follow-up-kind-stay_12 = Bor de kvar? (12 månader efter inflyttning)
err-event-kind-required = Välj typ.
err-ends-before-start = Slutdatum kan inte ligga före startdatum.

# Startsidan för inflyttarlotsar
home-new-title = Nya intressenter sedan du var här sist ({ $count })
home-new-none = Inga nya intressenter.

# Offentliga sidor
public-brand = Flytta till Region 10
public-footer = Inflyttarlotsarna i Arjeplog, Arvidsjaur, Dorotea, Lycksele, Malå, Norsjö, Sorsele, Storuman, Vilhelmina och Åsele.
back-to-interest = Till intresseanmälan

# Intresseanmälan
interest-title = Anmäl ditt intresse
interest-intro = Funderar du på att flytta till Norrlands inland? Berätta lite om dig och ditt hushåll, så hör en inflyttarlots av sig. Det kostar inget och du binder dig inte till något.
interest-required-note = Fält markerade med * måste fyllas i.
interest-about-you = Om dig
field-phone-optional = Telefon (frivilligt)
field-country-now = Land där du bor nu
field-place-now = Ort där du bor nu
field-children = Antal barn
field-children-ages = Barnens åldrar
hint-children-ages = Till exempel: 4, 9
help-other = Annat
move-when-within_6_months = Inom ett halvår
move-when-6_12_months = Om ett halvår till ett år
move-when-1_2_years = Om ett till två år
move-when-later = Senare
move-when-unknown = Vet inte än
field-municipalities = Kommuner du är intresserad av
hint-municipalities = Välj en eller flera, eller låt oss hjälpa dig att välja.
help-me-choose = Jag vet inte än – hjälp mig att välja
field-contact-via = Hur vill du bli kontaktad?
contact-via-email = E-post
contact-via-phone = Telefon
field-contact-language = Språk vi ska kontakta dig på
field-message = Vill du berätta något mer?
field-consent-legend = Samtycke
field-consent = Jag samtycker till att inflyttarlotsarna i de kommuner jag valt sparar uppgifterna ovan för att hjälpa mig med en flytt. *
consent-read-privacy = Läs hur vi hanterar dina uppgifter
honeypot-label = Lämna det här fältet tomt
interest-submit = Skicka
interest-thanks-title = Tack för din anmälan!
interest-thanks-text = Vi har tagit emot dina uppgifter. En inflyttarlots hör av sig till dig, oftast inom några arbetsdagar.
interest-thanks-mail = Om du angav en e-postadress får du strax en bekräftelse dit.
interest-rate-limited = Vi har fått många anmälningar från din uppkoppling på kort tid. Vänta en minut och skicka igen – det du skrivit finns kvar.
interest-too-fast = Formuläret skickades så snabbt att vi inte kunde skilja det från automatiska inlägg. Kontrollera uppgifterna och skicka igen – det du skrivit finns kvar.
interest-too-old = Formuläret hade varit öppet för länge. Kontrollera uppgifterna och skicka igen – det du skrivit finns kvar.
interest-already-sent = Det här formuläret är redan skickat. Kontrollera uppgifterna och skicka igen om du vill skicka en ny anmälan – det du skrivit finns kvar.
err-last-name-required = Skriv efternamnet.
err-phone-for-contact = Skriv ett telefonnummer om du vill bli kontaktad per telefon.
err-country-required = Välj landet där du bor nu.
err-children-invalid = Skriv antalet barn, 0–15.
err-ages-invalid = Skriv barnens åldrar som tal, åtskilda med komma.
err-ages-count = Skriv en ålder för varje barn.
err-message-too-long = Texten får vara högst 5 000 tecken.
err-municipality-choose = Välj minst en kommun, eller ”hjälp mig att välja”.
err-consent-required = Vi behöver ditt samtycke för att kunna spara uppgifterna.

# Integritet
privacy-title = Så hanterar vi dina personuppgifter
privacy-intro = När du anmäler ditt intresse sparar vi uppgifter om dig och ditt hushåll. Här står vilka, varför, vem som ser dem, hur länge de sparas och vilka rättigheter du har.
privacy-who-title = Vem ansvarar?
privacy-who-1 = Personuppgiftsansvarig är den eller de kommuner du valt i formuläret. Väljer du att få hjälp att välja kommun ansvarar projektet Move Up North inom Region 10 tills en kommun tagit över.
privacy-who-2 = Uppgifterna finns i Lotsbok, som drivs inom EU. Inga uppgifter lämnas till länder utanför EU/EES.
privacy-what-title = Vilka uppgifter?
privacy-what-1 = Namn, e-postadress, telefon, var du bor nu, hushållets storlek och barnens åldrar, yrken, vad du vill ha hjälp med, boendeönskemål, när du kan tänka dig flytta och det du själv skriver.
privacy-what-2 = Inflyttarlotsen antecknar också kontakterna med dig och hur det gick.
privacy-why-title = Varför?
privacy-why-1 = För att inflyttarlotsen ska kunna hjälpa dig med jobb, bostad, skola och annat som en flytt kräver.
privacy-why-2 = Den rättsliga grunden är ditt samtycke, som du när som helst kan ta tillbaka.
privacy-access-title = Vem ser dem?
privacy-access-1 = Bara inflyttarlotsen i de kommuner du valt. Om du ber om det kan en lots skicka ditt ärende vidare till en annan kommun; det antecknas.
privacy-access-2 = Projektets samordnare ser bara sammanräknade siffror, aldrig enskilda personer. Vem som läst eller ändrat dina uppgifter loggas.
privacy-keep-title = Hur länge?
privacy-keep-1 = Om ingen kontakt skett på 24 månader avidentifieras dina uppgifter automatiskt. Kvar blir bara statistik utan namn.
privacy-rights-title = Dina rättigheter
privacy-rights-1 = Du har rätt att få veta vilka uppgifter vi har om dig, att få felaktiga uppgifter rättade och att få dem raderade. Du kan också ta tillbaka ditt samtycke.
privacy-rights-2 = Kontakta inflyttarlotsen i din kommun, eller svara på bekräftelsemejlet, så hjälper vi dig.
privacy-rights-3 = Är du missnöjd med hur vi hanterar dina uppgifter kan du klaga hos Integritetsskyddsmyndigheten (IMY).

# Tillgänglighetsredogörelse
a11y-title = Tillgänglighetsredogörelse
a11y-intro = Region 10:s inflyttarlotsar står bakom den här tjänsten. Vi vill att så många som möjligt ska kunna använda den. Här beskriver vi hur den uppfyller lagen om tillgänglighet till digital offentlig service, kända brister och hur du kan rapportera problem.
a11y-status-title = Hur tillgänglig är tjänsten?
a11y-status-1 = Vi bedömer att tjänsten uppfyller kraven i WCAG 2.1 på nivå AA. Sidorna fungerar utan JavaScript, med enbart tangentbord och med skärmläsare.
a11y-status-2 = Vi känner inte till några brister. Hittar du en vill vi gärna veta det.
a11y-tested-title = Hur vi har testat
a11y-tested-1 = Varje ändring testas automatiskt i en riktig webbläsare med axe-core mot WCAG 2.1 A och AA, och sidornas HTML kontrolleras med W3C:s validerare. Formulären testas också med enbart tangentbord.
a11y-report-title = Rapportera ett problem
a11y-report-intro = Har du stött på något som inte fungerar, eller behöver du innehållet i ett annat format? Beskriv det här. Vill du ha svar, ange hur vi når dig.
field-page-url = Sidans adress (frivilligt)
field-description = Vad är problemet?
field-name-optional = Ditt namn (frivilligt)
field-email-optional = Din e-postadress (frivilligt)
hint-report-email = Bara om du vill ha svar.
a11y-report-submit = Skicka rapporten
a11y-report-sent = Tack! Vi har tagit emot din rapport och återkommer om du lämnat kontaktuppgifter.
a11y-enforcement-title = Tillsyn
a11y-enforcement-1 = Myndigheten för digital förvaltning (Digg) har ansvaret för tillsyn över lagen om tillgänglighet till digital offentlig service. Om du inte är nöjd med hur vi hanterar dina synpunkter kan du kontakta Digg.
a11y-enforcement-link = Anmäl till Digg
err-description-required = Beskriv problemet.

# E-post till intressenter och lotsar
mail-interest-subject = Tack för din intresseanmälan
mail-interest-body = Vi har tagit emot din anmälan. En inflyttarlots hör av sig till dig, oftast inom några arbetsdagar.
mail-interest-municipalities = Du valde: { $municipalities }.
mail-interest-pool = Du bad om hjälp att välja kommun; lotsarna i regionen hjälper dig med det.
mail-interest-privacy = Så hanterar vi dina uppgifter:
mail-guide-new-subject = Ny intresseanmälan i Lotsbok
mail-guide-new-lead = Någon har anmält intresse för din kommun.
mail-guide-new-pool = Någon har anmält intresse men inte valt kommun än. Intressenten finns i den regionala poolen.
mail-a11y-subject = Tillgänglighetsproblem rapporterat
mail-a11y-intro = Någon har rapporterat ett problem via tillgänglighetsredogörelsen.
mail-a11y-from = Från
field-se-region = Län (om du bor i Sverige)
se-region-none = Bor inte i Sverige / vill inte ange

# Rapporter
nav-reports = Rapporter
reports-title = Rapporter
report-period = Period
report-period-year = År
report-period-quarter = Kvartal
report-period-month = Månad
report-year = År
report-quarter = Kvartal
report-month = Månad
report-municipalities = Kommuner
report-municipalities-hint = Välj kommuner för att bara visa deras rader; välj inga för att se alla och den regionala poolen. Summor och fördelningar gäller alltid hela regionen.
report-from = Från och med
report-to = Till och med
report-show = Visa rapporten
report-period-shown = Period: { $period }
report-all-municipalities = Alla valda kommuner
report-region-totals = Hela regionen
report-region = Regionen
report-total = Totalt
report-rule = Skydd för enskilda: antal från 1 till { $max } visas som ”..”, och fler uppgifter döljs där det behövs, så att ingen dold uppgift kan räknas fram ur andra – inte ur summor, inte ur andra tabeller och inte ur årets övriga månader eller kvartal. Summorna gäller alltid hela regionen, och perioder är hela månader, kvartal eller år, så att två urval inte kan dras från varandra.
report-download-all = Ladda ner alla tabeller för ”{ $section }” som Excel (XLSX), en flik per tabell
report-stay-6 = Bor kvar sex månader efter inflyttningen (inflyttade under perioden)
report-stay-12 = Bor kvar tolv månader efter inflyttningen (inflyttade under perioden)
report-stayed = Bor kvar
report-moved-away = Har flyttat
report-unanswered = Ej besvarad fast aktuell
report-not-due = Inte aktuell än
report-share-stayed = Andel som bor kvar av de besvarade
report-unknown = Okänt
report-hidden = dold uppgift
report-rule-off = Inga uppgifter döljs (skyddet för små antal är avstängt i inställningarna).
report-no-data = Inga uppgifter för perioden.
report-chart-desc = Stapeldiagram över kolumnen { $column }; samma siffror finns i tabellen nedan.
report-download-csv = Ladda ner ”{ $table }” som CSV
report-download-xlsx = Ladda ner ”{ $table }” som Excel (XLSX)
report-count = Antal
report-households = Hushåll
report-adults = Vuxna
report-children = Barn
report-persons = Personer
report-new-leads = Nya intressenter
report-moved-in = Inflyttade per kommun
report-moved-in-source = Inflyttade per källa
report-moved-in-month = Inflyttade hushåll per kommun och månad
report-median-days = Dagar från första kontakt till inflyttning
report-median = Median (dagar)
report-sources = Nya intressenter per källa
report-campaigns = Nya intressenter per kampanj eller evenemang
report-funnel = Hur långt intressenterna kommit (nya under perioden)
report-reached = Har nått steget
report-outcomes = Avslutade under perioden
report-outcome = Utfall
report-countries = Var intressenterna bor (land)
report-se-regions = Var intressenter från Sverige bor (län)
report-se-region = Län
report-contacts = Loggade kontakter per kommun
report-contacts-guide = Loggade kontakter per inflyttarlots
report-guide = Inflyttarlots
report-follow-ups = Uppföljningar just nu
report-open = Öppna
report-overdue = Försenade
report-print = Utskriftsvy för styrelsen (två A4-sidor)
board-title = Inflyttning och intressenter { $period }
board-of-target = { $figure } av { $target } ({ $share } %)
board-of-target-hidden = av { $target }
board-back = Tillbaka till rapporten
board-how = Skriv ut med webbläsarens utskrift (Ctrl+P); välj ”Spara som PDF” för en PDF. Sidan är gjord för två A4-sidor.
board-all = Alla kommuner och den regionala poolen
board-chosen = Rader för { $names }; summorna gäller hela regionen
board-printed = Utskriven { $date } av { $name }
report-targets = Årets mål { $year } och utfallet hittills
report-targets-closed = Målen för { $year } och utfallet
report-so-far = Utfall { $year } hittills
report-quarter-of = { $year } K{ $quarter }
report-quarter-n = K{ $quarter }
report-until-day = { $period } t.o.m. { $day }
report-until-month = { $period } t.o.m. { $month }
report-outcome-of = Utfall { $year }
report-target = Mål
report-share-of-target = Andel av målet
report-no-targets = Inga mål är satta för året.
report-set-targets = Sätt årets mål
targets-title = Mål för { $year }
targets-choose-year = Visa målen för året
targets-intro = Sätt årets mål för varje kommun och för hela regionen. Rapporten visar årets utfall mot målen, för varje kommun och för regionen. Lämna en ruta tom om ni inte har något mål för den.
targets-region = Hela regionen
targets-hint = Heltal, till exempel 120 eller 1 200. En tom ruta tar bort målet.
targets-to-report = Till rapporten för { $year }
target-invalid = Skriv ett heltal från 1 till 1 000 000, eller lämna rutan tom.
targets-changed = Någon annan har ändrat årets mål medan du skrev, så inget sparades. Det du skrev står kvar nedan: spara igen för att ersätta deras ändringar med dina, eller visa målen som de är nu.
targets-reload = Visa de mål som nu gäller
targets-saved = Målen är sparade.
report-headline = Nyckeltal, jämfört med { $before }
report-figure = Uppgift
report-change = Förändring
report-new-leads-short = Nya intressenter
report-households-moved = Inflyttade hushåll
report-adults-moved = Inflyttade vuxna
report-children-moved = Inflyttade barn
report-persons-moved = Inflyttade personer
report-contacts-short = Loggade kontakter
report-region-months = Inflyttade hushåll per månad, { $whose }
report-lines-desc = Linjediagram över inflyttade hushåll per månad, ett år per linje; en streckad linje är året innan. Samma siffror finns i tabellen nedan.
report-bars-show = Staplarna visar: { $column }
report-table-of = Tabell: { $title }
report-heat-hint = Rutorna är mörkare ju fler hushåll som flyttat in.
report-chart-total = { $label }: { $value } (visas inte som stapel)
month-1 = januari
month-2 = februari
month-3 = mars
month-4 = april
month-5 = maj
month-6 = juni
month-7 = juli
month-8 = augusti
month-9 = september
month-10 = oktober
month-11 = november
month-12 = december

# Integritet för personal
nav-audit = Granskningslogg
privacy-lead-title = Personuppgifter och radering
privacy-lead-intro = Allt Lotsbok har om intressenten i din kommun, för en begäran om registerutdrag. Att du läst sidan loggas.
privacy-lead-json = Ladda ner allt som JSON
privacy-lead-erase-title = Radera personuppgifterna
privacy-lead-erase-text = Namn, kontaktuppgifter och alla texter tas bort för gott. Statistiken (kommun, datum, status, utfall, antal) finns kvar, så rapporterna stämmer.
privacy-lead-erase-link = Radera …
privacy-lead-erase-confirm-text = Vill du radera personuppgifterna för { $name }? Det går inte att ångra.
privacy-lead-erase-confirm = Ja, radera för gott
privacy-lead-erased = Personuppgifterna är raderade.
retention-title = Gallras snart
retention-intro = Intressenter utan aktivitet på { $months } månader avidentifieras automatiskt. Här är dina som gallras inom { $days } dagar; en ny kontakt skjuter upp det.
retention-none = Inga intressenter gallras de närmaste dagarna.
retention-last-activity = Senaste aktivitet
retention-due = Gallras
home-retention-soon = { $count ->
    [one] 1 intressent gallras snart
   *[other] { $count } intressenter gallras snart
}
home-erasures-title = Raderade personuppgifter (30 dagar)
home-erasure = Intressent nr { $id }, { $date }
timeline-erasure-mover = raderad på intressentens egen begäran
timeline-erasure-guide = raderad av inflyttarlots
timeline-erasure-retention = avidentifierad enligt gallringsregeln
timeline-mover-update = Intressenten rättade sina kontaktuppgifter
timeline-consent-withdrawn = Intressenten tog tillbaka sitt samtycke

# Granskningslogg
audit-title = Granskningslogg
audit-user = Användare
audit-prospect = Intressent (nr)
audit-action = Händelse
audit-when = När
audit-target = Post
audit-detail = Detaljer
audit-system = Systemet / intressenten
audit-export = Ladda ner urvalet som CSV

# Mina uppgifter (intressentens egen sida)
my-title = Dina uppgifter
my-intro = Här ser du vad inflyttarlotsarna har sparat om dig. Du kan rätta dina kontaktuppgifter, ta tillbaka ditt samtycke eller låta radera allt.
my-stored-title = Sparade uppgifter
my-municipalities-title = Kommuner och kontakter
my-consents-title = Samtycken
my-consent-given = Givet { $date } (text { $version })
my-consent-withdrawn = – återkallat { $date }
my-download-json = Ladda ner alla uppgifter (JSON)
my-correct-title = Rätta dina kontaktuppgifter
my-contact-saved = Tack, dina uppgifter är rättade.
my-withdraw-title = Ta tillbaka samtycket
my-withdraw-text = Då slutar lotsarna kontakta dig. Vill du också att uppgifterna raderas, använd knappen längre ner.
my-withdraw-submit = Ta tillbaka samtycket
my-withdrawn = Ditt samtycke är återkallat.
my-withdrawn-already = Du har tagit tillbaka ditt samtycke.
my-erase-title = Radera mina uppgifter
my-erase-text = Allt som kan kopplas till dig tas bort för gott. Kvar blir bara statistik utan namn.
my-erase-link = Radera mina uppgifter …
my-erase-confirm-text = Vill du att alla dina uppgifter raderas? Det går inte att ångra, och lotsarna kan inte längre hjälpa dig.
my-erase-confirm = Ja, radera allt
my-erase-cancel = Nej, tillbaka
my-erased-title = Dina uppgifter är raderade
my-erased-text = Vi har raderat allt som kan kopplas till dig, och inflyttarlotsarna har fått veta det. Länken fungerar inte längre.
my-link-invalid = Länken har gått ut eller fungerar inte längre. Ingenting har ändrats. Be om en ny länk nedan.
my-new-link = Få en ny länk till dina uppgifter
my-ask-intro = Skriv e-postadressen du anmälde dig med, så skickar vi en ny länk dit.
my-ask-submit = Skicka länken
my-link-sent = Om adressen finns hos oss har vi skickat en ny länk dit.

# E-post om intressentens egna ändringar
mail-interest-self-service = Här kan du se, rätta eller radera dina uppgifter:
mail-mover-link-subject = Din länk till dina uppgifter
mail-mover-link-body = Här är en ny länk där du kan se, rätta eller radera det vi sparat om dig.
mail-mover-link-valid = Länken gäller i { $days } dagar.
mail-mover-request-subject = Intressent nr { $id }: ändring från intressenten
mail-mover-updated = Intressent nr { $id } har rättat sina kontaktuppgifter.
mail-mover-withdrew = Intressent nr { $id } har tagit tillbaka sitt samtycke. Kontakta inte intressenten igen.
mail-mover-erased = Intressent nr { $id } bad om att få sina uppgifter raderade. Raderingen är utförd; kvar finns bara statistik.

# Uppföljning: påminnelser, kalender, mässläge, bokvarkontroll
settings-title = Inställningar
settings-reminders-title = Daglig påminnelse
settings-reminders = Skicka mig ett e-brev varje morgon med dagens och försenade uppföljningar
settings-calendar-title = Kalender
settings-calendar-intro = Prenumerera på dina öppna uppföljningar i Outlook eller telefonens kalender. Länken är personlig: den som har den ser titlarna på dina uppföljningar.
settings-calendar-new = Din nya kalenderlänk (visas bara nu; kopiera den till kalendern):
settings-calendar-exists = Du har en kalenderlänk. Skapar du en ny slutar den gamla att fungera.
settings-calendar-create = Skapa kalenderlänk
settings-calendar-renew = Skapa ny länk (den gamla slutar fungera)
calendar-name = Lotsbok – uppföljningar
mail-reminder-subject = { $count ->
    [one] 1 uppföljning { $date }
   *[other] { $count } uppföljningar { $date }
}
mail-reminder-body = Det här är dina uppföljningar för idag och de som är försenade:
mail-reminder-off = Du kan stänga av påminnelsen under Inställningar i Lotsbok.
stay-check-6 = Bor de kvar? (6 månader efter inflyttning)
stay-check-12 = Bor de kvar? (12 månader efter inflyttning)
field-stay-answer = Svar
field-stay-date = Datum
stay-answer-stayed = bor kvar
stay-answer-moved_away = har flyttat
stay-submit = Spara svaret
stay-saved = Svaret är sparat.
err-stay-answer = Välj ett svar.
capture-open = Mässläge: registrera besökare
capture-title = Mässläge: { $event }
capture-count = { $count ->
    [one] 1 intressent registrerad här
   *[other] { $count } intressenter registrerade här
}
hint-capture-contact = E-post eller telefon behövs.
capture-interest = Intresserad av
capture-consent = Besökaren samtycker till att inflyttarlotsarna sparar uppgifterna för att hjälpa till med en flytt.
capture-submit = Spara och nästa
capture-saved = Sparad. Nästa besökare!
capture-back = Till evenemanget
err-capture-contact = Skriv e-post eller telefon.
event-qr-title = QR-kod till intresseanmälan
event-qr-intro = Skriv ut eller visa koden: den öppnar intresseanmälan med evenemanget som källa.
event-qr-alt = QR-kod till intresseanmälan för { $event }

## Import och export av intressenter
import-link = Importera från kalkylblad
import-title = Importera intressenter från ett kalkylblad
import-intro = Ta in inflyttarna från ditt gamla kalkylblad eller system: ladda upp en CSV- eller Excelfil med ett hushåll per rad och kolumnnamnen på första raden.
import-columns-intro = Kolumner som namn, e-post, telefon, land, ort, vuxna, barn, status, källa, datum och anteckning känns igen på svenska och engelska. Du ser de första raderna och kan ändra vad varje kolumn betyder; en kontroll visar sedan varje rad som inte skulle gå att importera, och inget sparas förrän du importerar.
import-file = Fil
import-file-hint = CSV (semikolon eller komma; UTF-8 eller Windows-1252, så som Excel sparar) eller Excel (.xlsx), högst { $mb } MB.
import-upload = Ladda upp och förhandsgranska
import-recent = Tidigare importer
import-uploaded-at = Uppladdad
import-state = Läge
import-new = Nya intressenter
import-errors = Rader med fel
import-state-uploaded = Uppladdad, inte kontrollerad
import-state-checking = Kontrolleras
import-state-checked = Kontrollerad
import-state-importing = Importeras
import-state-imported = Importerad
import-state-failed = Gick inte att läsa
import-page-title = Import av { $file }
import-preview = Filens första rader
import-row = Rad
import-mapping = Vad kolumnerna betyder
import-columns = Kolumner
import-columns-hint = Välj vad varje kolumn innehåller. ”Importera inte” hoppar över en kolumn.
import-column-label = Kolumn { $n }: { $header }
import-unknown-columns = Kändes inte igen och importeras därför inte om du inte väljer något annat: { $columns }.
import-statuses = Statusar i filen
import-sources = Källor i filen
import-values-hint = Välj vad varje värde i filen betyder i Lotsbok. En tom cell betyder ”Ny” (status) eller ”Annat” (källa).
import-value-choose = Välj …
import-duplicates = Inflyttare som redan finns i Lotsbok
import-duplicates-hint = En rad vars e-post eller telefon stämmer med en inflyttare som redan finns i din kommun (eller en tidigare rad i filen):
import-duplicates-merge = Slå ihop med den inflyttaren: fyll i det som saknas och lägg anteckningen i tidslinjen
import-duplicates-skip = Hoppa över raden
import-check = Kontrollera filen
import-check-title = Resultat av kontrollen
import-count-rows = { $count } rader
import-count-new = { $count ->
    [one] { $count } ny intressent
   *[other] { $count } nya intressenter
}
import-count-new-done = { $count ->
    [one] { $count } ny intressent importerad
   *[other] { $count } nya intressenter importerade
}
import-count-merged = { $count } slås ihop med befintliga inflyttare
import-count-merged-done = { $count } ihopslagna med befintliga inflyttare
import-count-skipped = { $count } överhoppade som dubbletter
import-count-errors = { $count } med fel
import-past-retention = { $count } av de nya intressenterna hade sin senaste kontakt för längre sedan än lagringstiden: gallringen anonymiserar dem snart och behåller bara deras statistik.
import-report-download = Ladda ner rapporten (CSV)
import-results = Rader med fel och dubbletter
import-results-first = De första { $shown } av { $count } visas; rapporten har alla.
import-outcome = Utfall
import-outcome-error = Fel
import-outcome-merged = Ihopslagen
import-outcome-skipped = Överhoppad
import-lead = Intressent
import-lead-link = intressent { $id }
import-column = Kolumn
import-value = Värde
import-reason = Orsak
import-valid-only = Importera de { $count } giltiga raderna och hoppa över raderna med fel
import-errors-nothing = En fil med fel importerar ingenting om du inte väljer detta. Du kan också rätta raderna i kalkylbladet och ladda upp det igen.
import-run = Importera
import-discard = Släng filen
import-discarded = Filen är slängd.
import-see-leads = Visa intressenterna
import-another = Importera en fil till
import-progress = Förlopp
import-progress-rows = { $done } av { $total } rader klara.
import-progress-checked = { $done } rader kontrollerade hittills.
import-refresh = Uppdatera sidan
import-interrupted = Den senaste körningen avbröts (servern startades om); inget av den sparades. Starta den igen.
import-run-failed = Körningen avbröts av ett fel på servern; ingenting importerades. Försök igen och berätta för administratören om det händer igen.
import-children-count = Barn: { $count }
import-err-no-file = Välj en fil att ladda upp.
import-err-too-large = Filen är för stor.
import-err-choose-valid-only = Några rader har fel: kryssa i ”Importera de giltiga raderna” för att importera de andra, eller rätta filen först.
import-file-empty = Filen är tom.
import-file-no-rows = Filen har rubriker men inga rader under dem.
import-file-wrong-type = Det här är inte en CSV- eller Excelfil (.xlsx).
import-file-old-excel = Det här är en gammal Excelfil (.xls). Spara den som .xlsx eller CSV och ladda upp den.
import-file-broken-xlsx = Excelfilen är skadad och går inte att läsa. Öppna den i Excel, spara den igen och ladda upp den.
import-file-broken-csv = CSV-filen går inte att läsa (ett citattecken kan stå öppet).
import-mapping-no-name = Välj kolumnen med namnet (eller förnamnet).
import-mapping-no-contact = Välj en kolumn med e-post, telefon eller ort: ett lead behöver någon av dem.
import-mapping-twice = Varje betydelse kan bara väljas för en kolumn.
import-mapping-values-unchosen = Välj vad varje status och källa i filen betyder.
import-dup-existing = E-posten eller telefonen finns redan i din kommun.
import-dup-in-file = Samma e-post eller telefon som en tidigare rad (dess nummer är värdet).
import-err-country = Okänt land: skriv namnet (t.ex. Nederländerna) eller koden (NL).
import-err-county = Okänt län: skriv namnet (t.ex. Skåne) eller bokstavskoden (M).
import-err-date = Inte ett datum: skriv det som 2024-03-05.
import-err-date-impossible = Det datumet finns inte.
import-err-date-future = Datumet ligger i framtiden.
import-err-date-old = Datumet är före 1990.
import-err-number = Inte ett heltal: skriv det med siffror, t.ex. 2.
import-err-row-too-long = Raden har fler celler än rubrikraden har kolumner.
import-err-value-unmapped = Värdet har ingen vald betydelse i Lotsbok.
import-target-ignore = Importera inte
import-target-name = Namn
import-target-first_name = Förnamn
import-target-last_name = Efternamn
import-target-email = E-post
import-target-phone = Telefon
import-target-country = Land
import-target-county = Län
import-target-place = Ort
import-target-adults = Vuxna
import-target-children = Barn
import-target-occupation = Yrke
import-target-status = Status
import-target-source = Källa
import-target-date = Datum
import-target-note = Anteckning
import-target-household_notes = Om hushållet
import-target-moved_in_on = Inflyttningsdatum
import-target-moved_adults = Inflyttade vuxna
import-target-moved_children = Inflyttade barn
import-target-reason = Orsak
timeline-imported = Importerad från kalkylblad (import { $id })
leads-export = Exportera listan:
leads-export-csv = CSV
leads-export-xlsx = Excel
export-csv-other = CSV med komma i stället för semikolon

# Issue 15: withdrawn consent, every timeline kind titled
timeline-other = Anteckning
lead-consent-withdrawn = Intressenten tog tillbaka sitt samtycke { $date }.
lead-consent-withdrawn-what = Kontakta inte intressenten igen om flytten. Uppgifterna finns kvar tills de raderas eller gallras; radera dem under ”Personuppgifter och radering” om intressenten inte längre har ett ärende hos er.
filter-withdrawn = Bara de som tagit tillbaka sitt samtycke
leads-withdrawn-mark = Samtycke återkallat
home-today-title = Att göra idag ({ $count })
home-today-none = Inga uppföljningar idag.
home-overdue-title = Försenade ({ $count })
home-more = Visar { $shown } av { $count }.
home-show-all = Visa alla { $count }
home-follow-ups-all = Alla uppföljningar, också kommande
follow-ups-page-title = Uppföljningar
follow-ups-when = När uppföljningarna ska göras
follow-ups-none-here = Inga uppföljningar här.
due-today = I dag ({ $count })
due-overdue = Försenade ({ $count })
due-week = Kommande 7 dagar ({ $count })
due-later = Senare ({ $count })
due-age-days = 1–7 dagar sedan ({ $count })
due-age-weeks = 8–30 dagar sedan ({ $count })
due-age-months = Mer än 30 dagar sedan ({ $count })
stay-answer-link = Svara
home-overdue-all = Alla försenade uppföljningar ({ $count })
stay-not-yet = (kan besvaras från { $date })
stay-early = Har hushållet redan berättat att de flyttat?
stay-early-submit = Spara att de flyttat
field-stay-said-on = Dagen de berättade det
err-stay-not-due = Frågan om hushållet bor kvar kan besvaras först när den är aktuell.
capture-language = Besökarens språk (för bekräftelsen)

# The audit log: each action and target in words
audit-action-activity_added = Kontakt eller anteckning loggad
audit-action-audit_exported = Loggen exporterad
audit-action-calendar_link_renewed = Kalenderlänk förnyad
audit-action-consent_withdrawn = Samtycke återkallat av intressenten
audit-action-follow_up_added = Uppföljning planerad
audit-action-follow_up_done = Uppföljning klar
audit-action-import_discarded = Import kasserad
audit-action-import_report_downloaded = Importrapport hämtad
audit-action-import_uploaded = Fil för import uppladdad
audit-action-import_viewed = Import visad
audit-action-interest_submitted = Intresseanmälan mottagen
audit-action-invite_accepted = Inbjudan antagen
audit-action-lead_created = Intressent skapad
audit-action-lead_handed_over = Intressent överlämnad
audit-action-lead_merged_by_import = Intressent kompletterad från import
audit-action-lead_shared = Intressent delad
audit-action-lead_taken_from_pool = Intressent tagen från poolen
audit-action-lead_viewed = Intressent visad
audit-action-leads_exported = Intressentlistan exporterad
audit-action-leads_imported = Intressenter importerade
audit-action-leads_listed = Intressentlistan visad
audit-action-leads_merged = Dubbletter hopslagna
audit-action-login = Inloggning
audit-action-login_failed = Misslyckad inloggning
audit-action-logout = Utloggning
audit-action-mover_corrected_data = Intressenten rättade sina uppgifter
audit-action-mover_exported_own_data = Intressenten hämtade sina uppgifter
audit-action-mover_viewed_own_data = Intressenten såg sina uppgifter
audit-action-password_reset = Lösenord bytt via länk
audit-action-password_reset_requested = Länk för nytt lösenord begärd
audit-action-pool_listed = Regionala poolen visad
audit-action-prospect_anonymised = Personuppgifter raderade
audit-action-prospect_dossier_viewed = Registerutdrag visat
audit-action-prospect_exported = Registerutdrag exporterat
audit-action-prospect_merged_away = Dubblettens uppgifter hopslagna
audit-action-prospect_updated = Hushållets uppgifter ändrade
audit-action-report_exported = Rapport exporterad
audit-action-report_targets_set = Mål för rapporten satta
audit-action-report_viewed = Rapport visad
audit-action-setup_admin = Första administratören skapad
audit-action-start_page_viewed = Startsidan visad
audit-action-follow_ups_viewed = Uppföljningarna visade
audit-action-status_changed = Status ändrad
audit-action-stay_check_answered = Bor de kvar? besvarad
audit-action-user_created_cli = Användare skapad från kommandoraden
audit-action-user_invited = Användare inbjuden
audit-action-user_updated = Användare ändrad
audit-target-import = Import
audit-target-lead = Ärende
audit-target-user = Användare
audit-detail-shown = { $count ->
    [one] 1 visad
   *[other] { $count } visade
}
audit-detail-leads = { $count ->
    [one] 1 intressent
   *[other] { $count } intressenter
}
audit-detail-rows = { $count ->
    [one] 1 rad
   *[other] { $count } rader
}
audit-action-words = Händelse (i ord)

# Tvåstegsinloggning (issue 21)
two-factor-title = Tvåstegsinloggning
two-factor-intro = Med tvåstegsinloggning behövs både ditt lösenord och en kod från en app i telefonen (till exempel Microsoft Authenticator, Google Authenticator eller FreeOTP) för att logga in. Den som får tag på ditt lösenord kommer då ändå inte åt inflyttarnas uppgifter.
two-factor-required-for-you = Administratören kräver tvåstegsinloggning för din roll.
two-factor-app-title = Autentiseringsapp
two-factor-on-since = På sedan { $date }.
two-factor-off-user = Av.
two-factor-set-up = Slå på tvåstegsinloggning
two-factor-replace = Byt till en ny telefon eller app
two-factor-codes-heading = Reservkoder
two-factor-codes-left = { $count ->
    [one] 1 oanvänd reservkod kvar.
   *[other] { $count } oanvända reservkoder kvar.
}
two-factor-codes-renew = Skapa nya reservkoder (de gamla slutar gälla)
two-factor-remove-intro = Tar du bort det sista andra steget räcker lösenordet igen för att logga in, och reservkoderna slutar gälla.
two-factor-remove = Ta bort ett andra steg
two-factor-back = Tillbaka till tvåstegsinloggning
two-factor-back-settings = Tillbaka till inställningarna
hint-two-factor-password = Skriv ditt lösenord för att bekräfta att det är du.
two-factor-code-title = Kod från din app
two-factor-code-intro = Öppna autentiseringsappen i telefonen och skriv koden som visas för Lotsbok.
field-two-factor-code = Kod
hint-two-factor-code = Sex siffror från appen, eller en av dina reservkoder om du inte har telefonen.
two-factor-code-submit = Logga in
two-factor-code-restart = Börja om inloggningen
two-factor-setup-title = Slå på tvåstegsinloggning
two-factor-setup-required = Administratören kräver tvåstegsinloggning för din roll. Slå på den nu för att fortsätta.
two-factor-setup-step-app = Installera en autentiseringsapp i telefonen om du inte redan har en.
two-factor-setup-step-scan = Lägg till ett konto i appen och skanna QR-koden.
two-factor-qr-alt = QR-kod för att lägga till Lotsbok i autentiseringsappen. Går den inte att skanna, skriv nyckeln under den.
two-factor-setup-step-type = Går den inte att skanna kan du skriva in nyckeln i stället:
field-two-factor-new-code = Kod från appen
hint-two-factor-new-code = Skriv de sex siffror som appen nu visar för Lotsbok.
two-factor-setup-submit = Bekräfta och slå på
two-factor-codes-title = Dina reservkoder
two-factor-codes-intro = Tvåstegsinloggningen är på. Spara de här reservkoderna på ett säkert ställe, till exempel utskrivna eller i en lösenordshanterare. Varje kod kan användas en gång för att logga in om du inte har telefonen.
two-factor-codes-once = Koderna visas bara nu.
two-factor-codes-continue = Jag har sparat koderna, fortsätt
two-factor-on = Tvåstegsinloggningen är på.
two-factor-off-done = Tvåstegsinloggningen är avstängd.
two-factor-rule-title = Krav på tvåstegsinloggning
two-factor-rule-intro = Välj vilka roller som måste logga in med tvåstegsinloggning. Den som saknar det får slå på det direkt efter lösenordet, innan någon annan sida visas. Inbjudningar och länkar för nytt lösenord fungerar som vanligt.
two-factor-rule-legend = Kräv tvåstegsinloggning för
two-factor-rule-without-title = Aktiva konton utan tvåstegsinloggning
two-factor-rule-reset-hint = Har någon tappat sin telefon och sina reservkoder? Återställ tvåstegsinloggningen på användarens sida under Användare.
two-factor-reset-confirm = Jag har kontrollerat att det är användaren själv som bett om det
two-factor-reset = Återställ tvåstegsinloggningen
two-factor-reset-own = Din egen byter eller stänger du av under dina inställningar.
two-factor-reset-self = Din egen tvåstegsinloggning byter eller stänger du av under dina inställningar.
two-factor-reset-unconfirmed = Kryssa i att du har kontrollerat att det är användaren själv som bett om återställningen.
two-factor-reset-done = Tvåstegsinloggningen är återställd. Användaren har fått ett e-brev och loggas ut överallt.
err-code-missing = Skriv koden.
err-code-wrong = Koden stämmer inte eller är redan använd. Vänta på nästa kod i appen och försök igen.
err-password-wrong = Fel lösenord.
err-two-factor-required = Administratören kräver tvåstegsinloggning för din roll, så den kan bytas men inte stängas av.
settings-two-factor-title = Tvåstegsinloggning
settings-two-factor-link = Slå på, byt eller stäng av tvåstegsinloggning
mail-two-factor-reset-subject = Din tvåstegsinloggning i Lotsbok är återställd
mail-two-factor-reset-body = En administratör har återställt tvåstegsinloggningen för ditt konto. Nästa gång du loggar in räcker lösenordet, eller så får du slå på tvåstegsinloggningen igen om den krävs för din roll.
mail-two-factor-not-you = Känner du inte igen det här? Kontakta din administratör genast.
mail-recovery-used-subject = En reservkod användes för att logga in i Lotsbok
mail-recovery-used-body = Någon loggade in på ditt konto med en av dina reservkoder. { $count ->
    [one] Du har 1 reservkod kvar.
   *[other] Du har { $count } reservkoder kvar.
} Skapa nya under Inställningar när det behövs.
audit-action-login_code_failed = Fel kod vid inloggning
audit-action-two_factor_enabled = Tvåstegsinloggning påslagen
audit-action-two_factor_replaced = Tvåstegsinloggning bytt till ny app
audit-action-two_factor_removed = Tvåstegsinloggning avstängd
audit-action-two_factor_reset = Tvåstegsinloggning återställd
audit-action-two_factor_rule = Krav på tvåstegsinloggning ändrat
audit-action-recovery_code_used = Reservkod använd
audit-action-recovery_codes_renewed = Nya reservkoder
two-factor-app-off = Ingen app är kopplad.
two-factor-codes-make = Skapa reservkoder
two-factor-code-intro-recovery = Har du inte din nyckel till hands kan du skriva en av dina reservkoder.
passkey-title = Nycklar (passkeys)
passkey-intro = En nyckel (passkey) finns i telefonen, datorn eller en säkerhetsnyckel och låses upp med fingeravtryck, ansikte eller pinkod. Med en nyckel kan du logga in utan lösenord, och den räknas som andra steg efter lösenordet.
passkey-added-on = tillagd { $date }
passkey-used-on = senast använd { $date }
field-passkey-name = Namn på nyckeln
hint-passkey-name = Så att du känner igen den, till exempel ”Jobbtelefonen”.
passkey-add = Lägg till en nyckel
passkey-needs-script = Nycklar behöver en webbläsare med JavaScript påslaget.
passkey-unavailable-here = Nycklar kan inte användas på den här adressen till Lotsbok (de kräver ett domännamn).
passkey-unavailable = Nycklar kan inte användas här.
passkey-remove = Ta bort nyckeln ”{ $name }”
passkey-added = Nyckeln är tillagd.
passkey-removed = Nyckeln är borttagen.
passkey-sign-in-title = Logga in med en nyckel
passkey-sign-in = Logga in med nyckel (passkey)
passkey-second-intro = Använd en av dina nycklar (passkeys) för att logga in.
passkey-use = Använd min nyckel
passkey-count = { $count ->
    [one] 1 nyckel (passkey).
   *[other] { $count } nycklar (passkeys).
}
err-passkey-name = Ge nyckeln ett namn på högst 60 tecken.
err-passkey-failed = Nyckeln kunde inte användas. Försök igen.
err-passkey-unknown = Den här nyckeln hör inte till något konto i Lotsbok.
err-passkey-known = Den här nyckeln är redan tillagd.
err-two-factor-key = Koden kan inte kontrolleras just nu: Lotsbok saknar rätt nyckel för den. Använd en reservkod eller be administratören om hjälp.
field-remove-password = Lösenord, för att ta bort
mail-two-factor-added-subject = Ett nytt andra steg för inloggning i Lotsbok
mail-two-factor-added-body = Ditt Lotsbok-konto har fått ett nytt andra steg för inloggning: { $what }.
audit-action-passkey_added = Nyckel (passkey) tillagd
audit-action-passkey_removed = Nyckel (passkey) borttagen
two-factor-remove-app = Koppla bort autentiseringsappen

## Mailings to movers (issue 22)
lead-news = Nyheter och inbjudningar
lead-news-given = Vill ha dem sedan { $date }
lead-news-withdrawn = Avböjt { $date }
lead-news-none = Har inte bett om dem
timeline-mailing = Utskick: ”{ $subject }”
timeline-news-given = Intressenten bad om nyheter och inbjudningar
timeline-news-withdrawn = Intressenten avböjde nyheter och inbjudningar
capture-news = Besökaren vill ha nyheter och inbjudningar per e-post (fråga särskilt)
nav-mailings = Utskick
mailings-title = Utskick
mailings-intro-own = Skriv till kommunens intressenter som har bett om nyheter och inbjudningar. Bara de som har sagt ja och inte ångrat sig får utskicket.
mailings-intro-region = Skriv till intressenter i hela regionen som har bett om nyheter och inbjudningar. Du ser hur många utskicket når, aldrig vilka.
mailing-new = Nytt utskick
mailings-none = Inga utskick ännu.
mailing-name = Namn på utskicket
mailing-name-hint = Bara för er själva, t.ex. ”Inbjudan till mässan i Utrecht”.
mailing-status = Läge
mailing-recipients = Mottagare
mailing-when = Skickas eller ändrat
mailing-status-draft = Utkast
mailing-status-scheduled = Schemalagt
mailing-status-sending = Skickas
mailing-status-sent = Skickat
mailing-status-cancelled = Avbrutet
mailing-status-open = Alla pågående (inte avslutade)
mailing-any = Alla
mailing-new-title = Nytt utskick
mailing-edit-title = Ändra utskick
mailing-who = Vilka får det
mailing-who-hint = Bara intressenter som har bett om nyheter och inbjudningar och har en e-postadress. Varje adress får utskicket en gång.
mailing-segment-status = Status
mailing-segment-source = Källa
mailing-segment-campaign = Kampanj eller evenemang
mailing-segment-country = Land där de bor
mailing-segment-language = Kontaktspråk
mailing-segment-housing = Bostad
mailing-segment-wishes = Vill ha hjälp med (något av)
mailing-segment-places = Kommuner
mailing-segment-quiet = Ingen kontakt på minst så många dagar
mailing-segment-quiet-hint = Lämna tomt för alla. Anteckningar räknas inte som kontakt.
mailing-segment-all = Alla som har bett om nyheter och inbjudningar.
mailing-quiet-days = { $days } dagar
mailing-text-legend = Text på { $language }
mailing-text-fallback-hint = Den som har ett kontaktspråk utan egen text får den engelska.
mailing-subject = Ämne
mailing-body = Text
mailing-body-hint = En tom rad skiljer stycken åt. Webbadresser som börjar med https:// blir länkar. Varje utskick får en rad om varför det kom och en länk för att avsluta.
mailing-save = Spara utkastet
mailing-reaches = Når { $count ->
    [one] { $count } mottagare
   *[other] { $count } mottagare
} just nu.
mailing-by-language = Mottagare per kontaktspråk
mailing-gets-text = Får texten på
mailing-no-text = Ingen text
mailing-queued = Köade
mailing-sent-count = Skickade
mailing-unsubscribed = Avslutade via utskicket
mailing-preview = Förhandsvisning
mailing-preview-link = [länk för att avsluta]
mailing-edit = Ändra
mailing-test = Skicka ett test till mig
mailing-unschedule = Ta tillbaka (blir utkast igen)
mailing-cancel = Avbryt utskicket
mailings-back = Alla utskick
mailing-send-title = Skicka
mailing-send-when = När
mailing-send-now = Nu
mailing-send-later = Vid en viss tid
mailing-send-at = Datum och tid (svensk tid)
mailing-confirm-text = Utskicket går till { $count } mottagare. Bekräfta antalet innan det skickas.
mailing-confirm-label = Ja, skicka till { $count } mottagare
mailing-send = Skicka utskicket
mailing-not-draft = Utskicket är inte längre ett utkast.
mailing-saved = Utkastet är sparat.
mailing-test-queued = Ett test av varje text är på väg till din e-post.
mailing-scheduled = Utskicket är schemalagt.
mailing-sending = Utskicket skickas nu.
mailing-stopped = Utskicket är stoppat.
mailing-test-prefix = [Test]
err-mailing-name-required = Ge utskicket ett namn.
err-choose-from-list = Välj i listan.
err-quiet-days = Skriv ett antal dagar, 1–3650.
err-mailing-subject-required = Skriv ett ämne till texten.
err-mailing-body-required = Skriv en text till ämnet.
err-mailing-text-required = Skriv ämne och text på minst ett språk.
err-mailing-when = Ange datum och tid.
err-mailing-when-past = Välj en tid som inte har passerat.
err-mailing-nobody = Utskicket når ingen just nu.
err-mailing-no-fallback = Några mottagare har ett kontaktspråk utan text: skriv en engelsk text eller en på deras språk.
audit-action-mailing_created = Utskick skapat
audit-action-mailing_updated = Utskick ändrat
audit-action-mailing_test_sent = Test av utskick skickat
audit-action-mailing_scheduled = Utskick skickat eller schemalagt
audit-action-mailing_stopped = Utskick stoppat
audit-action-mailing_queued = Utskick köat till alla mottagare
audit-action-news_consent_given = Samtycke till nyheter givet av intressenten
audit-action-news_consent_withdrawn = Samtycke till nyheter återkallat av intressenten
audit-action-news_unsubscribed = Avslutade nyheter via länken i ett utskick

## News consent and unsubscribe (public)
field-news-legend = Nyheter och inbjudningar
field-news = Ja, skicka mig nyheter och inbjudningar per e-post (mässor, visningar, digitala informationsträffar). Jag kan avsluta dem när som helst.
err-news-needs-email = Nyheter skickas per e-post: skriv en e-postadress.
err-news-tick = Kryssa i rutan om du vill ha nyheter och inbjudningar.
my-news-title = Nyheter och inbjudningar
my-news-given = Du får nyheter och inbjudningar per e-post sedan { $date }.
my-news-stop = Avsluta nyheter och inbjudningar
my-news-text = Vill du få nyheter och inbjudningar per e-post, t.ex. om mässor, visningar och digitala informationsträffar?
my-news-start = Spara
my-news-on = Du får nu nyheter och inbjudningar.
my-news-off = Du får inga fler nyheter eller inbjudningar.
consent-purpose-guidance = Hjälp med flytten
consent-purpose-news = Nyheter och inbjudningar
mailing-footer-why = Du får det här för att du bad { $from } om nyheter och inbjudningar.
mailing-footer-stop = Vill du inte ha fler? Avsluta här:
mailing-from-region = Move Up North (Region 10)
unsubscribe-title = Avsluta nyheter och inbjudningar
unsubscribe-text = Vill du inte längre få nyheter och inbjudningar per e-post? Lotsarna kan fortfarande svara dig om din flytt.
unsubscribe-submit = Ja, avsluta
unsubscribe-done = Klart: du får inga fler nyheter eller inbjudningar.
unsubscribe-done-more = Dina övriga uppgifter är oförändrade. Via länken i bekräftelsemejlet kan du se dem, rätta dem eller låta radera allt.
unsubscribe-invalid = Länken fungerar inte. Ingenting har ändrats. Be om en ny länk till dina uppgifter, så kan du avsluta därifrån.
report-mailings = Utskick till intressenter
report-mailings-sent = Utskick
report-mailings-recipients = Mottagare
report-mailings-unsubscribed = Avslutade via utskick
