# VDAB, maatwerk per gemeente
format        = 1
name          = vdab-maatwerk
supplier      = "VDAB"
sheet         = "Gemeenten"
header        = 4..5
data          = 6
end           = blank, label "Totaal", prefix "Bron", row 400
layout        = wide
unit          = persons
numbers       = nl
missing       = "-", "x", ""
hidden        = "<5", "*"
column area   = "Gemeente"
columns       = work_form, year
fixed edition = 2025
total row     = "Totaal"
total column  = "Totaal"
ignore column = "Opmerking", F

[work_forms]
"Maatwerkbedrijf"         = maatwerkbedrijf
"Lokale diensteneconomie" = lde

[areas]
"Brugge (stad)" = 31005
