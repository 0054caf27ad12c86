global-incdirs-y += include
srcs-y += hello_world.c
