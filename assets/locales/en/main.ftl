# Lotsbok – English

app-name = Lotsbok
skip-to-content = Skip to content
nav-label = Main menu
nav-home = Home
nav-users = Users
nav-outbox = Outbox
language-switch = Language
logout = Sign out
footer-text = Lotsbok – the relocation guides' tool in Region 10
save = Save
saved = Your changes are saved.
actions = Actions
form-has-errors = The form needs correcting
back-to-login = To sign-in
back-to-users = Back to users

# Fields
field-email = E-mail address
field-password = Password
field-new-password = New password
field-new-password2 = Repeat the password
hint-password = At least 12 characters. A sentence you remember works well.
field-name = Name
field-roles = Roles
field-municipality = Municipality
field-municipality-guide = Municipality (for relocation guides)
field-language = Language
field-status = Status
field-active = The account is active (can sign in)
municipality-none = None

# Errors
err-email-required = Enter an e-mail address.
err-email-invalid = Enter an e-mail address like name@example.org.
err-email-taken = A user with that e-mail address already exists.
err-password-required = Enter your password.
err-password-short = The password must be at least 12 characters long.
err-password-long = The password may be at most 256 characters long.
err-password-mismatch = The passwords differ. Type the same password twice.
err-name-required = Enter a name.
err-too-long = The text is too long.
err-role-required = Choose at least one role.
err-guide-needs-municipality = A relocation guide needs a municipality. Choose one.
err-cannot-demote-self = You cannot remove your own admin role or deactivate your own account.
err-login-failed = Wrong e-mail address or password.
err-login-throttled = Too many failed sign-ins. Wait a few minutes and try again, or reset your password.
err-login-busy = Many people are signing in right now. Try again in a moment.

# Sign-in
login-title = Sign in
login-submit = Sign in
login-forgot = Forgot your password?
logout-done = You are signed out.
password-set = Your password is saved. Sign in with it.

# First start
setup-title = Create the first administrator
setup-intro = Lotsbok has no administrator yet. The one you create here can then invite relocation guides and coordinators.
setup-submit = Create the administrator
setup-done = The administrator is created and you are signed in.

# Mailed links
invite-title = Choose your password
reset-title = Choose a new password
set-password-for = Password for the account
set-password-submit = Save the password
link-invalid-title = This link does not work
link-invalid-text = The link has been used, has expired or is wrong. Nothing was changed.
link-invalid-setup = Restart Lotsbok to get a new link, or sign in if an administrator already exists.
link-invalid-invite = Ask an administrator to send you a new invitation.
link-invalid-reset = Ask for a new link under “Forgot your password?” on the sign-in page.
forgot-title = Reset your password
forgot-intro = Enter the e-mail address of your account and we will send a link where you choose a new password.
forgot-submit = Send the link
forgot-sent = If there is an account with that address, we have sent a link to it. The link is valid for one hour.

# Start page
home-title = Home
home-welcome = Welcome, { $name }!
home-guide-title = Relocation guide
home-guide-municipality = Your municipality:
home-coordinator-title = Coordination
home-coordinator-text = As a coordinator you see the region's aggregate figures, never individual people.
home-admin-title = Administration
home-admin-failed-mail = { $count ->
    [one] One mail could not be sent. See the outbox.
   *[other] { $count } mails could not be sent. See the outbox.
}

# Roles
role-guide = Relocation guide
role-coordinator = Coordinator
role-admin = Administrator
role-guide-long = Relocation guide (works with one municipality's movers)
role-coordinator-long = Coordinator (project leader, administrator, communicator: regional reports)
role-admin-long = Administrator (users, outbox, audit log)

# Users
users-title = Users
users-invite = Invite a user
users-last-login = Last signed in
users-reinvite = Send a new invitation
status-active = Active
status-inactive = Deactivated
status-invited = Invited
invite-user-title = Invite a user
invite-user-intro = The person gets a mail with a link where they choose their password. The link is valid for a week.
invite-user-submit = Send the invitation
invite-sent = The invitation has been sent.

# Outbox
outbox-title = Outbox
outbox-intro = Every mail Lotsbok sends is put here first. Mail that could not be sent is retried at growing intervals; mail that gave up is shown with its last error.
outbox-empty = The outbox is empty.
outbox-created = Created
outbox-recipient = Recipient
outbox-subject = Subject
outbox-attempts = Attempts
outbox-last-error = Last error
outbox-next-attempt = Next attempt:
outbox-retry = Try again now
outbox-retry-queued = The mail will be sent again shortly.
outbox-status-pending = Waiting
outbox-status-sent = Sent
outbox-status-failed = Failed

# Error pages
error-404-title = Page not found
error-404-text = The page you are looking for does not exist, or you do not have access to it.
error-403-title = Not allowed
error-403-text = Your account is not allowed to see this page.
error-csrf-title = The form could not be sent
error-csrf-text = The form was too old or did not come from Lotsbok, for example because you were signed out while it was open. Nothing was changed. Go back, reload the page and send it again.
error-413-title = Too much data
error-413-text = What you sent is larger than Lotsbok accepts. Nothing was saved.
error-500-title = Something went wrong
error-500-text = An error occurred on our side. Please try again in a moment; if it persists, give the administrator the error code below.
error-request-id = Error code:
error-back-home = To the start page

# Mail
mail-signature = Lotsbok – the relocation guides of Region 10
mail-greeting = Hello { $name },
mail-invite-subject = You are invited to Lotsbok
mail-invite-body = You have been given an account in Lotsbok, the relocation guides' tool. Open the link below and choose your password.
mail-link-valid-hours = The link can be used once and is valid for { $hours } hours.
mail-link-valid-minutes = The link can be used once and is valid for { $minutes } minutes.
mail-reset-subject = Reset your Lotsbok password
mail-reset-body = Someone (hopefully you) asked to choose a new password for your Lotsbok account. Open the link below.
mail-reset-ignore = If you did not ask for this, ignore this mail; your password has not changed.

# Common
choose = Choose …
all = All

# Leads
nav-leads = Leads
nav-follow-ups = Follow-ups
nav-events = Events
leads-title = Leads
leads-search = Search
leads-search-hint = Name, e-mail, phone or place
leads-more-filters = More filters
leads-filter-submit = Show
leads-by-status = Count per status
leads-found = { $count ->
    [one] 1 lead
   *[other] { $count } leads
}
leads-updated = Last changed
leads-created = Created
field-sort = Order
sort-updated_desc = Last changed first
sort-updated_asc = Longest unchanged first
sort-created_desc = Newest first
sort-created_asc = Oldest first
sort-name = Last name
filter-created-from = Created from
filter-created-to = Created until
filter-updated-from = Changed from
filter-updated-to = Changed until
filter-overdue = Only with overdue follow-ups
pager-label = Pages
pager-prev = Previous page
pager-next = Next page
pager-position = Page { $page } of { $pages }

pool-title = Regional pool
pool-link = { $count ->
    [one] Regional pool: 1 lead who has not chosen a municipality
   *[other] Regional pool: { $count } leads who have not chosen a municipality
}
pool-intro = Movers who have not chosen a municipality yet. Take one into your municipality when you want to work with it.
pool-take-intro = This lead is in the regional pool. If you take it into your municipality, you become responsible for it.
pool-take = Take into my municipality
pool-taken = The lead is now in your municipality.
pool-already-yours = The lead is already in your municipality, or someone else took it.

lead-new-title = New lead
lead-new-submit = Save the lead
lead-created = The lead is saved.
lead-edit-title = Edit the household
back-to-lead = Back to the lead
lead-section-person = Person and contact
lead-section-household = Household
lead-section-plans = Plans
lead-section-case = The case
lead-lives-in = Lives in
lead-consent = Consent
lead-consent-state-given = Given { $date }
lead-consent-state-withdrawn = Withdrawn { $date }
lead-consent-state-none = None recorded
lead-next-follow-up = Next follow-up
lead-next-none = None planned
lead-last-contact = Last contact
lead-last-contact-none = None logged yet
lead-actions = Act on this lead
follow-up-add-title = Plan a follow-up
lead-also-interested = Is also interested in:
field-first-name = First name
field-last-name = Last name
field-phone = Phone
field-country = Country
field-place = Place
field-preferred-language = Preferred language
field-languages = Languages the household speaks
hint-languages = For example: Dutch, English
hint-contact = Give at least an e-mail, a phone or a place.
field-adults = Number of adults
field-children-birth-years = Children's birth years
hint-birth-years = For example: 2016, 2019
field-occupation = Occupation
field-partner-occupation = Partner's occupation
field-help-with = Wants help with
help-job = A job
help-partner-job = A job for the partner
help-housing = Housing
help-school = School or preschool
help-business = Starting a business
help-leisure = Leisure
field-housing-wish = Housing
housing-rent = Rent
housing-buy = Buy
housing-unknown = Don't know
field-move-when = When they might move
field-notes = Notes on the household
field-source = Source
field-campaign = Campaign or event
campaign-none = None
field-owner = Responsible
owner-none = Nobody
field-first-note = First note
duplicate-title = Already here?
duplicate-text = A lead in your municipality has the same e-mail address or phone number. Open it, or tick the box below and save again to create a new one anyway.
duplicate-create-anyway = Create a new lead anyway

source-interest_form = Interest form
source-fair = Fair or event
source-phone = Phone
source-email = E-mail
source-walk_in = Walk-in
source-social_media = Social media
source-referral = Referral
source-other = Other

status-new = New
status-contacted = Contacted
status-in_dialogue = In dialogue
status-visit = Visit
status-decided = Decided to move
status-moved_in = Moved in
status-not_moving = Not moving
status-moved_elsewhere = Moved elsewhere
status-unreachable = Unreachable

reason-no_job = No job
reason-no_partner_job = No job for the partner
reason-no_housing = No housing
reason-school = School
reason-other = Other

activity-call = Call
activity-email = E-mail
activity-meeting = Meeting
activity-visit = Visit
activity-event = Event
activity-message = Message
activity-note = Note
direction-out = outgoing
direction-in = incoming
direction-none = No direction

country-SE = Sweden
country-NL = the Netherlands
country-DE = Germany
country-BE = Belgium
country-DK = Denmark
country-NO = Norway
country-FI = Finland
country-GB = the United Kingdom
country-PL = Poland
country-CH = Switzerland
country-AT = Austria
country-FR = France
country-ES = Spain
country-IT = Italy
country-US = the USA
country-ZZ = Another country

follow-ups-title = Follow-ups
follow-ups-none = No follow-ups.
follow-up-done = done
follow-up-overdue = overdue
follow-up-mark-done = Done
follow-up-mark-done-label = Done: “{ $title }”
field-follow-up-title = What is to be done?
field-due-on = Date
follow-up-add = Add follow-up
follow-up-saved = The follow-up is saved.

log-contact-title = Log a contact
field-activity-kind = Kind
field-direction = Direction
field-occurred-at = When
field-activity-body = Note
log-contact-submit = Save the contact
activity-saved = The contact is saved.
draft-recovered = You were signed out while writing. The text below was kept: read it through and save it.
session-expired-draft-kept = You had been signed out. What you wrote is kept and shown again once you have signed in.

status-form-title = Status and outcome
status-moved-in-legend = When moving in
field-moved-in-on = Date of moving in
field-moved-adults = Adults who moved in
field-moved-children = Children who moved in
field-reason-lost = Reason (if they are not moving here)
field-reason = Reason
status-submit = Save the status
status-saved = The status is saved.
outcome-moved-in = Moved in on { $date }: { $adults } adults and { $children } children.

referral-title = Refer to another municipality
field-referral-kind = How
referral-handover = Hand over (the lead moves to that municipality)
referral-share = Share (both municipalities work with the lead)
field-to-municipality = To municipality
referral-submit = Refer
referral-saved = The referral is done.

merge-title = Perhaps the same household
merge-compare = Compare and merge
merge-compare-label = Compare and merge: { $name }
duplicate-why-email = the same e-mail address
duplicate-why-phone = the same phone number
duplicate-why-name = a similar name and the same children
merge-search-title = Merge { $name } with another lead
merge-search-title-short = Merge with another lead
merge-search-label = Search for the lead to merge with
merge-search-submit = Search
merge-search-none = No other lead in your municipality matches the search.
merge-search-more = Showing { $shown } of { $count }. Search more precisely to find others.
merge-back = Back to { $name }
merge-preview-title = Merge two leads
merge-preview-why = They look alike:
merge-field = Detail
merge-field-name = Name
merge-kept = Kept
merge-gone = Merged and removed
merge-after = After the merge
merge-preview-moves = { $entries } timeline entries and { $follow_ups } follow-ups move to the lead that is kept.
merge-preview-removed = { $name } (lead no. { $id }) is removed; details only it had fill empty fields, and the notes are joined.
merge-confirm = Merge
cancel = Cancel
merge-done = The duplicate is merged.

timeline-title = Timeline
timeline-status = Status changed to { $status }
timeline-created = Created (source: { $source })
timeline-merge = Duplicate no. { $id } merged into this
timeline-referral-handover = Handed over to { $municipality }
timeline-referral-share = Shared with { $municipality }
timeline-referral-take = Taken from the regional pool into { $municipality }

err-first-name-required = Enter the first name.
err-phone-invalid = Enter a phone number of 6–20 digits.
err-contact-required = Give at least an e-mail, a phone or a place, so that the lead can be found again.
err-country-invalid = Choose a country from the list.
err-adults-invalid = Enter the number of adults, 1–20.
err-birth-years-invalid = Enter the children's birth years with four digits, separated by commas.
err-source-required = Choose where the lead came from.
err-kind-required = Choose the kind of contact.
err-datetime-invalid = Enter a date and time.
err-datetime-future = That time is too far ahead.
err-note-required = Write the note.
err-title-required = Write what is to be done.
err-date-invalid = Enter a date (YYYY-MM-DD).
err-status-required = Choose a status.
err-count-invalid = Enter a number, 0–20.
err-nobody-moved = At least one person must have moved in.
err-reason-required = Choose a reason.
err-municipality-required = Choose a municipality.
err-already-there = The lead is already in that municipality.

# Events
events-title = Campaigns and events
events-none = No campaigns or events yet.
event-new-title = New event or campaign
field-event-kind = Kind
field-starts-on = From
field-ends-on = Until
event-regional = Regional (all municipalities)
event-create = Create
event-created = The event is created.
event-leads = Leads
event-moved-in = Moved in
back-to-events = To all events
campaign-kind-fair = Fair
campaign-kind-digital = Digital campaign
campaign-kind-visit_weekend = Visiting weekend
campaign-kind-other = Other
follow-up-kind-task = Task
follow-up-kind-stay_6 = Still living here? (6 months after moving in)
follow-up-kind-stay_12 = Still living here? (12 months after moving in)
err-event-kind-required = Choose a kind.
err-ends-before-start = The end date cannot be before the start date.

# Guide's start page
home-new-title = New leads since your last visit ({ $count })
home-new-none = No new leads.

# Public pages
public-brand = Move to Region 10
public-footer = The relocation guides of Arjeplog, Arvidsjaur, Dorotea, Lycksele, Malå, Norsjö, Sorsele, Storuman, Vilhelmina and Åsele.
back-to-interest = To the interest form

# Interest form
interest-title = Register your interest
interest-intro = Thinking of moving to inland northern Sweden? Tell us a little about yourself and your household, and a relocation guide will get in touch. It is free and you commit to nothing.
interest-required-note = Fields marked * are required.
interest-about-you = About you
field-phone-optional = Phone (optional)
field-country-now = Country you live in now
field-place-now = Town you live in now
field-children = Number of children
field-children-ages = Children's ages
hint-children-ages = For example: 4, 9
help-other = Other
move-when-within_6_months = Within six months
move-when-6_12_months = In six months to a year
move-when-1_2_years = In one to two years
move-when-later = Later
move-when-unknown = Don't know yet
field-municipalities = Municipalities you are interested in
hint-municipalities = Choose one or more, or let us help you choose.
help-me-choose = I don't know yet – help me choose
field-contact-via = How would you like to be contacted?
contact-via-email = E-mail
contact-via-phone = Phone
field-contact-language = Language to contact you in
field-message = Anything else you would like to tell us?
field-consent-legend = Consent
field-consent = I agree that the relocation guides of the municipalities I chose keep the details above to help me with a move. *
consent-read-privacy = Read how we handle your data
honeypot-label = Leave this field empty
interest-submit = Send
interest-thanks-title = Thank you for registering!
interest-thanks-text = We have received your details. A relocation guide will get in touch, usually within a few working days.
interest-thanks-mail = If you gave an e-mail address, a confirmation is on its way there.
interest-rate-limited = We received many registrations from your connection in a short time. Wait a minute and send again – what you typed is still here.
interest-too-fast = The form was sent so quickly that we could not tell it from automated posts. Check the details and send again – what you typed is still here.
interest-too-old = The form had been open too long. Check the details and send again – what you typed is still here.
interest-already-sent = This form has already been sent. Check the details and send again if you want to send a new registration – what you typed is still here.
err-last-name-required = Enter the last name.
err-phone-for-contact = Enter a phone number if you would like to be contacted by phone.
err-country-required = Choose the country you live in now.
err-children-invalid = Enter the number of children, 0–15.
err-ages-invalid = Enter the children's ages as numbers, separated by commas.
err-ages-count = Enter an age for each child.
err-message-too-long = The text may be at most 5,000 characters.
err-municipality-choose = Choose at least one municipality, or “help me choose”.
err-consent-required = We need your consent to keep your details.

# Privacy
privacy-title = How we handle your personal data
privacy-intro = When you register your interest we keep details about you and your household. This page says which, why, who sees them, how long they are kept and what your rights are.
privacy-who-title = Who is responsible?
privacy-who-1 = The controller is the municipality or municipalities you chose in the form. If you ask for help choosing, the Move Up North project within Region 10 is responsible until a municipality takes over.
privacy-who-2 = The details are kept in Lotsbok, which runs within the EU. No details are passed to countries outside the EU/EEA.
privacy-what-title = Which details?
privacy-what-1 = Name, e-mail address, phone, where you live now, the size of your household and the children's ages, occupations, what you want help with, housing wishes, when you might move and what you write yourself.
privacy-what-2 = The relocation guide also notes the contacts with you and how things went.
privacy-why-title = Why?
privacy-why-1 = So that the relocation guide can help you with a job, housing, school and whatever else a move needs.
privacy-why-2 = The legal basis is your consent, which you can withdraw at any time.
privacy-access-title = Who sees them?
privacy-access-1 = Only the relocation guides of the municipalities you chose. If you ask, a guide can pass your case on to another municipality; this is recorded.
privacy-access-2 = The project's coordinators only see totals, never individual people. Who read or changed your details is logged.
privacy-keep-title = For how long?
privacy-keep-1 = If there has been no contact for 24 months, your details are anonymised automatically. Only statistics without names remain.
privacy-rights-title = Your rights
privacy-rights-1 = You have the right to know which details we hold about you, to have wrong details corrected and to have them erased. You can also withdraw your consent.
privacy-rights-2 = Contact the relocation guide of your municipality, or reply to the confirmation mail, and we will help you.
privacy-rights-3 = If you are unhappy with how we handle your details, you can complain to the Swedish Authority for Privacy Protection (IMY).

# Accessibility statement
a11y-title = Accessibility statement
a11y-intro = The relocation guides of Region 10 are behind this service. We want as many people as possible to be able to use it. This page describes how it meets the Swedish law on accessibility of digital public services, known shortcomings and how to report a problem.
a11y-status-title = How accessible is the service?
a11y-status-1 = We consider that the service meets WCAG 2.1 level AA. The pages work without JavaScript, with a keyboard alone and with screen readers.
a11y-status-2 = We know of no shortcomings. If you find one, we would like to hear about it.
a11y-tested-title = How we tested
a11y-tested-1 = Every change is tested automatically in a real browser with axe-core against WCAG 2.1 A and AA, and the pages' HTML is checked with the W3C validator. The forms are also tested with a keyboard alone.
a11y-report-title = Report a problem
a11y-report-intro = Did something not work for you, or do you need the content in another format? Describe it here. If you would like an answer, tell us how to reach you.
field-page-url = Address of the page (optional)
field-description = What is the problem?
field-name-optional = Your name (optional)
field-email-optional = Your e-mail address (optional)
hint-report-email = Only if you would like an answer.
a11y-report-submit = Send the report
a11y-report-sent = Thank you! We have received your report and will get back to you if you left contact details.
a11y-enforcement-title = Enforcement
a11y-enforcement-1 = The Agency for Digital Government (Digg) supervises the law on accessibility of digital public services. If you are not satisfied with how we handle your comments, you can contact Digg.
a11y-enforcement-link = Report to Digg
err-description-required = Describe the problem.

# Mail to movers and guides
mail-interest-subject = Thank you for registering your interest
mail-interest-body = We have received your registration. A relocation guide will get in touch, usually within a few working days.
mail-interest-municipalities = You chose: { $municipalities }.
mail-interest-pool = You asked for help choosing a municipality; the region's guides will help you with that.
mail-interest-privacy = How we handle your details:
mail-guide-new-subject = New registration in Lotsbok
mail-guide-new-lead = Someone has registered an interest in your municipality.
mail-guide-new-pool = Someone has registered an interest but not chosen a municipality yet. The lead is in the regional pool.
mail-a11y-subject = Accessibility problem reported
mail-a11y-intro = Someone reported a problem through the accessibility statement.
mail-a11y-from = From
field-se-region = County (if you live in Sweden)
se-region-none = Not in Sweden / rather not say

# Reports
nav-reports = Reports
reports-title = Reports
report-period = Period
report-period-year = Year
report-period-quarter = Quarter
report-period-month = Month
report-year = Year
report-quarter = Quarter
report-month = Month
report-municipalities = Municipalities
report-municipalities-hint = Choose municipalities to show only their rows; choose none to see all and the regional pool. Totals and breakdowns are always for the whole region.
report-from = From
report-to = To, inclusive
report-show = Show the report
report-period-shown = Period: { $period }
report-all-municipalities = All chosen municipalities
report-region-totals = The whole region
report-region = The region
report-total = Total
report-rule = Protecting individuals: counts from 1 to { $max } are shown as "..", and more figures are hidden where needed so that no hidden figure can be worked out from others – not from totals, not from other tables, not from the year's other months or quarters. Totals are always for the whole region, and periods are whole months, quarters or years, so that two selections cannot be subtracted from each other.
report-download-all = Download every table of "{ $section }" as Excel (XLSX), one sheet per table
report-stay-6 = Still living here six months after moving in (moved in during the period)
report-stay-12 = Still living here twelve months after moving in (moved in during the period)
report-stayed = Still here
report-moved-away = Moved away
report-unanswered = Due, not answered
report-not-due = Not due yet
report-share-stayed = Share still here of those answered
report-unknown = Unknown
report-hidden = hidden figure
report-rule-off = No figures are hidden (the protection of small counts is switched off in the configuration).
report-no-data = No figures for the period.
report-chart-desc = Bar chart of the column { $column }; the same numbers are in the table below.
report-download-csv = Download “{ $table }” as CSV
report-download-xlsx = Download “{ $table }” as Excel (XLSX)
report-count = Count
report-households = Households
report-adults = Adults
report-children = Children
report-persons = Persons
report-new-leads = New leads
report-moved-in = Moved in per municipality
report-moved-in-source = Moved in per source
report-moved-in-month = Households moved in, by municipality and month
report-median-days = Days from first contact to moving in
report-median = Median (days)
report-sources = New leads per source
report-campaigns = New leads per campaign or event
report-funnel = How far the leads got (new in the period)
report-reached = Reached the step
report-outcomes = Closed in the period
report-outcome = Outcome
report-countries = Where the leads live (country)
report-se-regions = Where leads from Sweden live (county)
report-se-region = County
report-contacts = Contacts logged per municipality
report-contacts-guide = Contacts logged per relocation guide
report-guide = Relocation guide
report-follow-ups = Follow-ups right now
report-open = Open
report-overdue = Overdue

# Privacy for staff
nav-audit = Audit log
privacy-lead-title = Personal data and erasure
privacy-lead-intro = Everything Lotsbok holds about this lead in your municipality, for a subject access request. That you read this page is logged.
privacy-lead-json = Download all of it as JSON
privacy-lead-erase-title = Erase the personal data
privacy-lead-erase-text = Name, contact details and every text are removed for good. The statistics (municipality, dates, status, outcome, counts) stay, so the reports remain right.
privacy-lead-erase-link = Erase …
privacy-lead-erase-confirm-text = Erase the personal data of { $name }? This cannot be undone.
privacy-lead-erase-confirm = Yes, erase for good
privacy-lead-erased = The personal data is erased.
retention-title = To be anonymised soon
retention-intro = Leads without activity for { $months } months are anonymised automatically. These of yours will be within { $days } days; a new contact postpones it.
retention-none = No leads are due in the coming days.
retention-last-activity = Last activity
retention-due = Anonymised on
home-retention-soon = { $count ->
    [one] 1 lead will be anonymised soon
   *[other] { $count } leads will be anonymised soon
}
home-erasures-title = Personal data erased (30 days)
home-erasure = Lead no. { $id }, { $date }
timeline-erasure-mover = erased at the mover's own request
timeline-erasure-guide = erased by a relocation guide
timeline-erasure-retention = anonymised under the retention rule
timeline-mover-update = The mover corrected their contact details
timeline-consent-withdrawn = The mover withdrew their consent

# Audit log
audit-title = Audit log
audit-user = User
audit-prospect = Prospect (no.)
audit-action = Action
audit-when = When
audit-target = Record
audit-detail = Details
audit-system = The system / the mover
audit-export = Download the selection as CSV

# My data (the mover's own page)
my-title = Your data
my-intro = Here you see what the relocation guides have stored about you. You can correct your contact details, withdraw your consent or have everything erased.
my-stored-title = Stored details
my-municipalities-title = Municipalities and contacts
my-consents-title = Consents
my-consent-given = Given { $date } (text { $version })
my-consent-withdrawn = – withdrawn { $date }
my-download-json = Download all your data (JSON)
my-correct-title = Correct your contact details
my-contact-saved = Thank you, your details are corrected.
my-withdraw-title = Withdraw your consent
my-withdraw-text = The guides will then stop contacting you. If you also want your data erased, use the button further down.
my-withdraw-submit = Withdraw my consent
my-withdrawn = Your consent is withdrawn.
my-withdrawn-already = You have withdrawn your consent.
my-erase-title = Erase my data
my-erase-text = Everything that can be linked to you is removed for good. Only statistics without names remain.
my-erase-link = Erase my data …
my-erase-confirm-text = Do you want all your data erased? This cannot be undone, and the guides will no longer be able to help you.
my-erase-confirm = Yes, erase everything
my-erase-cancel = No, go back
my-erased-title = Your data is erased
my-erased-text = We have erased everything that can be linked to you, and the relocation guides have been told. This link no longer works.
my-link-invalid = The link has expired or no longer works. Nothing was changed. Ask for a new link below.
my-new-link = Get a new link to your data
my-ask-intro = Enter the e-mail address you registered with and we will send a new link there.
my-ask-submit = Send the link
my-link-sent = If we have that address, a new link is on its way there.

# Mail about the mover's own changes
mail-interest-self-service = Here you can see, correct or erase your data:
mail-mover-link-subject = Your link to your data
mail-mover-link-body = Here is a new link where you can see, correct or erase what we have stored about you.
mail-mover-link-valid = The link is valid for { $days } days.
mail-mover-request-subject = Lead no. { $id }: a change from the mover
mail-mover-updated = Lead no. { $id } has corrected their contact details.
mail-mover-withdrew = Lead no. { $id } has withdrawn their consent. Do not contact them again.
mail-mover-erased = Lead no. { $id } asked for their data to be erased. The erasure has been carried out; only statistics remain.

# Follow-through: reminders, calendar, fair mode, stay check
settings-title = Settings
settings-nothing = There is nothing to set for your role.
settings-reminders-title = Daily reminder
settings-reminders = Send me a mail every morning with today's and overdue follow-ups
settings-calendar-title = Calendar
settings-calendar-intro = Subscribe to your open follow-ups in Outlook or your phone's calendar. The link is personal: whoever has it sees the titles of your follow-ups.
settings-calendar-new = Your new calendar link (shown only now; copy it into your calendar):
settings-calendar-exists = You have a calendar link. Making a new one stops the old one working.
settings-calendar-create = Make a calendar link
settings-calendar-renew = Make a new link (the old one stops working)
calendar-name = Lotsbok – follow-ups
mail-reminder-subject = { $count ->
    [one] 1 follow-up { $date }
   *[other] { $count } follow-ups { $date }
}
mail-reminder-body = These are your follow-ups for today and the overdue ones:
mail-reminder-off = You can turn this reminder off under Settings in Lotsbok.
stay-check-6 = Still living here? (6 months after moving in)
stay-check-12 = Still living here? (12 months after moving in)
field-stay-answer = Answer
field-stay-date = Date
stay-answer-stayed = still living here
stay-answer-moved_away = moved away
stay-submit = Save the answer
stay-saved = The answer is saved.
err-stay-answer = Choose an answer.
capture-open = Fair mode: register visitors
capture-title = Fair mode: { $event }
capture-count = { $count ->
    [one] 1 lead registered here
   *[other] { $count } leads registered here
}
hint-capture-contact = An e-mail or a phone is needed.
capture-interest = Interested in
capture-consent = The visitor agrees that the relocation guides keep these details to help with a move.
capture-submit = Save and next
capture-saved = Saved. Next visitor!
capture-back = To the event
err-capture-contact = Enter an e-mail or a phone.
event-qr-title = QR code to the interest form
event-qr-intro = Print or show the code: it opens the interest form with this event as the source.
event-qr-alt = QR code to the interest form for { $event }

## Import and export of leads
import-link = Import from a spreadsheet
import-title = Import leads from a spreadsheet
import-intro = Bring in the movers from your old spreadsheet or system: upload a CSV or Excel file with one household per row and the column names in the first row.
import-columns-intro = Columns such as name, e-mail, phone, country, place, adults, children, status, source, date and note are recognised in Swedish and English. You see the first rows and can change what each column means; a check then lists every row that would fail, and nothing is stored until you import.
import-file = File
import-file-hint = CSV (semicolons or commas; UTF-8 or Windows-1252, as Excel saves it) or Excel (.xlsx), at most { $mb } MB.
import-upload = Upload and preview
import-recent = Earlier imports
import-uploaded-at = Uploaded
import-state = State
import-new = New leads
import-errors = Rows with errors
import-state-uploaded = Uploaded, not checked
import-state-checking = Being checked
import-state-checked = Checked
import-state-importing = Being imported
import-state-imported = Imported
import-state-failed = Could not be read
import-page-title = Import of { $file }
import-preview = The first rows of the file
import-row = Row
import-mapping = What the columns mean
import-columns = Columns
import-columns-hint = Choose what each column holds. "Do not import" leaves a column out.
import-column-label = Column { $n }: { $header }
import-unknown-columns = Not recognised, so not imported unless you choose otherwise: { $columns }.
import-statuses = Statuses in the file
import-sources = Sources in the file
import-values-hint = Choose what each value in the file means in Lotsbok. An empty cell means "New" (status) or "Other" (source).
import-value-choose = Choose…
import-duplicates = Movers already in Lotsbok
import-duplicates-hint = A row whose e-mail or phone matches a mover already in your municipality (or an earlier row of the file):
import-duplicates-merge = Merge into that mover: fill in what is missing and add the note to the timeline
import-duplicates-skip = Skip the row
import-check = Check the file
import-check-title = Result of the check
import-count-rows = { $count } rows
import-count-new = { $count } new leads
import-count-new-done = { $count } new leads imported
import-count-merged = { $count } to merge into existing movers
import-count-merged-done = { $count } merged into existing movers
import-count-skipped = { $count } skipped as duplicates
import-count-errors = { $count } with errors
import-past-retention = { $count } of the new leads had their last contact longer ago than the retention period: the retention job will anonymise them soon and keep only their statistics.
import-report-download = Download the report (CSV)
import-results = Rows with errors and duplicates
import-results-first = The first { $shown } of { $count } are shown; the report has them all.
import-outcome = Outcome
import-outcome-error = Error
import-outcome-merged = Merged
import-outcome-skipped = Skipped
import-lead = Lead
import-lead-link = lead { $id }
import-column = Column
import-value = Value
import-reason = Reason
import-valid-only = Import the { $count } valid rows and leave out the rows with errors
import-errors-nothing = A file with errors imports nothing unless you choose this. You can also correct the rows in your spreadsheet and upload it again.
import-run = Import
import-discard = Discard the file
import-discarded = The file is discarded.
import-see-leads = See the leads
import-another = Import another file
import-progress = Progress
import-progress-rows = { $done } of { $total } rows done.
import-progress-checked = { $done } rows checked so far.
import-refresh = Update this page
import-interrupted = The last run was cut off (the server restarted); nothing of it was stored. Start it again.
import-run-failed = The run stopped because of a fault on the server; nothing was imported. Try again, and tell the administrator if it happens again.
import-children-count = Children: { $count }
import-err-no-file = Choose a file to upload.
import-err-too-large = The file is too large.
import-err-choose-valid-only = Some rows have errors: tick "Import the valid rows" to import the others, or correct the file first.
import-file-empty = The file is empty.
import-file-no-rows = The file has a header but no rows below it.
import-file-wrong-type = This is not a CSV or Excel (.xlsx) file.
import-file-old-excel = This is an old Excel file (.xls). Save it as .xlsx or CSV and upload that.
import-file-broken-xlsx = The Excel file is damaged and cannot be read. Open it in Excel, save it again and upload that.
import-file-broken-csv = The CSV file cannot be read (a quotation mark may be left open).
import-mapping-no-name = Choose the column with the name (or the first name).
import-mapping-no-contact = Choose a column with the e-mail, the phone or the place: a lead needs one of them.
import-mapping-twice = Each meaning can be chosen for one column only.
import-mapping-values-unchosen = Choose what each status and source in the file means.
import-dup-existing = The e-mail or phone is already in your municipality.
import-dup-in-file = Same e-mail or phone as an earlier row (its number is the value).
import-err-country = Unknown country: write its name (e.g. Netherlands) or code (NL).
import-err-county = Unknown county: write its name (e.g. Skåne) or letter code (M).
import-err-date = Not a date: write it as 2024-03-05.
import-err-date-impossible = There is no such date.
import-err-date-future = The date is in the future.
import-err-date-old = The date is before 1990.
import-err-number = Not a whole number: write it as digits, e.g. 2.
import-err-row-too-long = The row has more cells than the header has columns.
import-err-value-unmapped = This value has no meaning chosen in Lotsbok.
import-target-ignore = Do not import
import-target-name = Name
import-target-first_name = First name
import-target-last_name = Last name
import-target-email = E-mail
import-target-phone = Phone
import-target-country = Country
import-target-county = County
import-target-place = Place
import-target-adults = Adults
import-target-children = Children
import-target-occupation = Occupation
import-target-status = Status
import-target-source = Source
import-target-date = Date
import-target-note = Note
import-target-household_notes = About the household
import-target-moved_in_on = Moved in on
import-target-moved_adults = Adults moved in
import-target-moved_children = Children moved in
import-target-reason = Reason
timeline-imported = Imported from a spreadsheet (import { $id })
leads-export = Export this list:
leads-export-csv = CSV
leads-export-xlsx = Excel
export-csv-other = CSV with semicolons, for Excel set to Swedish

# Issue 15: withdrawn consent, every timeline kind titled
timeline-other = Note
lead-consent-withdrawn = The mover withdrew their consent on { $date }.
lead-consent-withdrawn-what = Do not contact the mover about the move again. The data stays until it is erased or the retention rule removes it; erase it under “Personal data and erasure” if the mover no longer has a case with you.
filter-withdrawn = Only those who withdrew their consent
leads-withdrawn-mark = Consent withdrawn
home-today-title = To do today ({ $count })
home-today-none = No follow-ups today.
home-overdue-title = Overdue ({ $count })
home-more = Showing { $shown } of { $count }.
home-show-all = Show all { $count }
home-follow-ups-all = All follow-ups, coming ones too
follow-ups-page-title = Follow-ups
follow-ups-when = When the follow-ups are due
follow-ups-none-here = No follow-ups here.
due-today = Today ({ $count })
due-overdue = Overdue ({ $count })
due-week = Next 7 days ({ $count })
due-later = Later ({ $count })
due-age-days = 1–7 days ago ({ $count })
due-age-weeks = 8–30 days ago ({ $count })
due-age-months = More than 30 days ago ({ $count })
stay-answer-link = Answer
home-overdue-all = All overdue follow-ups ({ $count })
stay-not-yet = (can be answered from { $date })
stay-early = Has the household already told you it has moved away?
stay-early-submit = Record that it moved away
field-stay-said-on = The day they said so
err-stay-not-due = The stay check can be answered only once it is due.
capture-language = The visitor's language (for the confirmation)

# The audit log: each action and target in words
audit-action-activity_added = Contact or note logged
audit-action-audit_exported = Log exported
audit-action-calendar_link_renewed = Calendar link renewed
audit-action-consent_withdrawn = Consent withdrawn by the mover
audit-action-follow_up_added = Follow-up planned
audit-action-follow_up_done = Follow-up done
audit-action-import_discarded = Import discarded
audit-action-import_report_downloaded = Import report downloaded
audit-action-import_uploaded = File for import uploaded
audit-action-import_viewed = Import viewed
audit-action-interest_submitted = Registration received
audit-action-invite_accepted = Invitation accepted
audit-action-lead_created = Lead created
audit-action-lead_handed_over = Lead handed over
audit-action-lead_merged_by_import = Lead completed from an import
audit-action-lead_shared = Lead shared
audit-action-lead_taken_from_pool = Lead taken from the pool
audit-action-lead_viewed = Lead viewed
audit-action-leads_exported = Lead list exported
audit-action-leads_imported = Leads imported
audit-action-leads_listed = Lead list viewed
audit-action-leads_merged = Duplicates merged
audit-action-login = Sign-in
audit-action-login_failed = Failed sign-in
audit-action-logout = Sign-out
audit-action-mover_corrected_data = The mover corrected their details
audit-action-mover_exported_own_data = The mover downloaded their data
audit-action-mover_viewed_own_data = The mover viewed their data
audit-action-password_reset = Password changed by link
audit-action-password_reset_requested = New-password link requested
audit-action-pool_listed = Regional pool viewed
audit-action-prospect_anonymised = Personal data erased
audit-action-prospect_dossier_viewed = Data-subject report viewed
audit-action-prospect_exported = Data-subject report exported
audit-action-prospect_merged_away = Duplicate's data merged
audit-action-prospect_updated = Household details changed
audit-action-report_exported = Report exported
audit-action-report_viewed = Report viewed
audit-action-setup_admin = First administrator created
audit-action-start_page_viewed = Start page viewed
audit-action-follow_ups_viewed = Follow-ups viewed
audit-action-status_changed = Status changed
audit-action-stay_check_answered = Stay check answered
audit-action-user_created_cli = User created on the command line
audit-action-user_invited = User invited
audit-action-user_updated = User changed
audit-target-import = Import
audit-target-lead = Lead
audit-target-user = User
audit-detail-shown = { $count } shown
audit-detail-leads = { $count ->
    [one] 1 lead
   *[other] { $count } leads
}
audit-detail-rows = { $count ->
    [one] 1 row
   *[other] { $count } rows
}
audit-action-words = Event (in words)
