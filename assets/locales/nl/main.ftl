# Lotsbok – Nederlands (openbare pagina's)

app-name = Lotsbok
skip-to-content = Naar de inhoud
language-switch = Taal
footer-text = Lotsbok – de verhuislotsen van Regio 10
form-has-errors = Het formulier moet worden verbeterd
error-404-title = Pagina niet gevonden
error-404-text = De pagina die u zoekt bestaat niet.
error-403-title = Geen toegang
error-403-text = U heeft geen toegang tot deze pagina.
error-csrf-title = Het formulier kon niet worden verzonden
error-csrf-text = Het formulier was te oud. Er is niets gewijzigd. Ga terug, laad de pagina opnieuw en verzend het nogmaals.
error-413-title = Te veel gegevens
error-413-text = Wat u verzond is groter dan Lotsbok accepteert. Er is niets opgeslagen.
error-500-title = Er ging iets mis
error-500-text = Er is bij ons een fout opgetreden. Probeer het zo opnieuw; als de fout blijft, geef ons dan de foutcode hieronder.
error-request-id = Foutcode:
error-back-home = Naar de startpagina
