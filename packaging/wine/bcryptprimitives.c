/* Wine 8 lacks bcryptprimitives.dll, whose ProcessPrng Rust's std uses for randomness on
   Windows 10+; this stand-in answers from RtlGenRandom (advapi32's SystemFunction036). */
#include <windows.h>
#include <ntsecapi.h>
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    return RtlGenRandom(data, (ULONG)len);
}
