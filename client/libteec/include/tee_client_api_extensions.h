/*
 * mintee libteec: the extension OP-TEE's libteec exports besides the GP API.
 */
#ifndef TEE_CLIENT_API_EXTENSIONS_H
#define TEE_CLIENT_API_EXTENSIONS_H

#include <tee_client_api.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Shares a dma-buf (fd) with the TEE through TEE_IOC_SHM_REGISTER_FD. On
 * success sharedMem->size is the buffer's size and sharedMem->buffer is NULL
 * (the memory is not mapped here). Kernels without the ioctl (Linux 6.12
 * has none) answer TEEC_ERROR_BAD_PARAMETERS.
 */
TEEC_Result TEEC_RegisterSharedMemoryFileDescriptor(TEEC_Context *context,
						    TEEC_SharedMemory *sharedMem,
						    int fd);

#ifdef __cplusplus
}
#endif

#endif /* TEE_CLIENT_API_EXTENSIONS_H */
