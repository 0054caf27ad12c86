srcs-y += util.c
cflags-y += -DKIT_TA_DIR_FLAG=3
