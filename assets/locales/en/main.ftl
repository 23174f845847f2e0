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
err-login-throttled = Too many failed sign-ins. Wait a quarter of an hour and try again, or reset your password.

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
