format = 1
name = x
layout = long
column persons = "A
