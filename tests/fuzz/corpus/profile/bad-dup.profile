format = 1
name = x
[areas]
"a" = 1
"A" = 2
