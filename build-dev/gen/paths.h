#define LADDER_LIBEXECDIR "/usr/local/libexec/ladder"
