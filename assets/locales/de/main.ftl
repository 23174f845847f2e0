# Lotsbok – Deutsch (öffentliche Seiten)

app-name = Lotsbok
skip-to-content = Zum Inhalt springen
language-switch = Sprache
footer-text = Lotsbok – die Zuzugslotsen der Region 10
form-has-errors = Bitte korrigieren Sie das Formular
error-404-title = Seite nicht gefunden
error-404-text = Die gesuchte Seite gibt es nicht.
error-403-title = Kein Zugriff
error-403-text = Sie haben keinen Zugriff auf diese Seite.
error-csrf-title = Das Formular konnte nicht gesendet werden
error-csrf-text = Das Formular war zu alt. Es wurde nichts geändert. Gehen Sie zurück, laden Sie die Seite neu und senden Sie es erneut.
error-413-title = Zu viele Daten
error-413-text = Ihre Eingabe ist größer, als Lotsbok annimmt. Es wurde nichts gespeichert.
error-500-title = Etwas ist schiefgelaufen
error-500-text = Bei uns ist ein Fehler aufgetreten. Bitte versuchen Sie es gleich noch einmal; wenn der Fehler bleibt, nennen Sie uns den Fehlercode unten.
error-request-id = Fehlercode:
error-back-home = Zur Startseite
