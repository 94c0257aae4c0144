format = 1
name = statbel
layout = wide
header = 2
columns = year
column area = A
fixed indicator = wage_employees
end = prefix "Bron"
