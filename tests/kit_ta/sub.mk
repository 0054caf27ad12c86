global-incdirs-y += include
srcs-y += kit_ta.c
subdirs-y += util
cflags-kit_ta.c-y += -DKIT_TA_FILE_FLAG=7
