global-incdirs-y += include
srcs-y += random.c
