/* A driver for the fuzz target without libFuzzer: LLVMFuzzerTestOneInput (fuzz_alloc.c, its shadow
 * model and every check) over inputs drawn from a seeded PRNG, half of them mutations of the corpus
 * files named on the command line. Built -O2 without sanitizers or coverage (test/trust.mk's
 * fuzz_replay and fuzz_replay32), it runs several times more operations a second than the
 * libFuzzer build: the volume for the long campaigns, on 64 and on 32 bits.
 *
 *   fuzz_alloc [-seed=N] [-seconds=S] [-runs=N] [-artifact_prefix=DIR/] [FILE|DIR]...
 *
 * Every corpus file runs once as it is, then random inputs until S seconds or N inputs (default:
 * 10 s). An input that fails (abort, crash) is written to DIR/crash-replay-<seed>-<n>, which the
 * libFuzzer build reproduces (FUZZ_TRACE=1 build/host/<s>/fuzz/fuzz_alloc FILE). The run ends with
 * "fuzz_alloc: N operations" (fuzz_alloc.c) and this driver's line "replay: ...", also when it is
 * stopped early by SIGINT or SIGTERM. */
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define REPLAY_MAX 4096
#define MAX_FILES 8192

static uint8_t *g_files[MAX_FILES];
static size_t g_sizes[MAX_FILES], g_nfiles;

static uint8_t g_input[REPLAY_MAX];
static size_t g_input_size;
static unsigned long long g_seed, g_index;
static const char *g_prefix = "";

static uint64_t g_rng;
static uint64_t next(void) { /* splitmix64 */
    uint64_t z = (g_rng += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}
static size_t below(size_t n) { return (size_t)(next() % n); }

/* The input being run goes to a file when the process dies on it (async-signal-safe calls only). */
static void on_fatal(int sig) {
    char path[512];
    snprintf(path, sizeof path, "%scrash-replay-%llu-%llu", g_prefix, g_seed, g_index);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
        ssize_t ignored = write(fd, g_input, g_input_size);
        (void)ignored;
        close(fd);
    }
    static const char msg[] = "replay: failing input written to ";
    ssize_t ignored = write(2, msg, sizeof msg - 1);
    ignored = write(2, path, strlen(path));
    ignored = write(2, "\n", 1);
    (void)ignored;
    signal(sig, SIG_DFL);
    raise(sig);
}

static void add_file(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f || g_nfiles == MAX_FILES) {
        if (f) fclose(f);
        return;
    }
    uint8_t *data = malloc(REPLAY_MAX);
    size_t n = data ? fread(data, 1, REPLAY_MAX, f) : 0;
    fclose(f);
    if (!data) return;
    g_files[g_nfiles] = data, g_sizes[g_nfiles++] = n;
}

static void add_path(const char *path) {
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "replay: cannot read %s\n", path);
        exit(2);
    }
    if (!S_ISDIR(st.st_mode)) return add_file(path);
    DIR *dir = opendir(path);
    for (struct dirent *e; dir && (e = readdir(dir)) != NULL;) {
        if (e->d_name[0] == '.') continue;
        char full[4096];
        snprintf(full, sizeof full, "%s/%s", path, e->d_name);
        if (stat(full, &st) == 0 && S_ISREG(st.st_mode)) add_file(full);
    }
    if (dir) closedir(dir);
}

/* Half the inputs: random bytes (every byte string is a valid input); the other half: a corpus
 * file with a few bytes changed, a run of random bytes spliced in, or a random tail. */
static void make_input(void) {
    if (!g_nfiles || next() & 1) {
        g_input_size = 1 + below(next() & 3 ? 300 : REPLAY_MAX);
        for (size_t i = 0; i < g_input_size; ++i) g_input[i] = (uint8_t)next();
        return;
    }
    size_t f = below(g_nfiles);
    g_input_size = g_sizes[f];
    memcpy(g_input, g_files[f], g_input_size);
    if (!g_input_size) g_input[g_input_size++] = (uint8_t)next();
    switch (below(3)) {
    case 0:
        for (size_t k = 1 + below(8); k; --k) g_input[below(g_input_size)] = (uint8_t)next();
        break;
    case 1: {
        size_t at = below(g_input_size), n = 1 + below(32);
        if (at + n > REPLAY_MAX) n = REPLAY_MAX - at;
        for (size_t i = 0; i < n; ++i) g_input[at + i] = (uint8_t)next();
        if (at + n > g_input_size) g_input_size = at + n;
        break;
    }
    default: {
        size_t n = below(REPLAY_MAX - g_input_size + 1);
        for (size_t i = 0; i < n; ++i) g_input[g_input_size + i] = (uint8_t)next();
        g_input_size += n;
    }
    }
}

/* SIGINT or SIGTERM ends the run after the input being run, with the counts printed. */
static volatile sig_atomic_t g_stop;
static void on_stop(int sig) {
    (void)sig;
    g_stop = 1;
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    double seconds = -1;
    unsigned long long runs = 0;
    g_seed = (unsigned long long)time(NULL);
    for (int i = 1; i < argc; ++i) {
        if (!strncmp(argv[i], "-seed=", 6)) g_seed = strtoull(argv[i] + 6, NULL, 10);
        else if (!strncmp(argv[i], "-seconds=", 9)) seconds = atof(argv[i] + 9);
        else if (!strncmp(argv[i], "-runs=", 6)) runs = strtoull(argv[i] + 6, NULL, 10);
        else if (!strncmp(argv[i], "-artifact_prefix=", 17)) g_prefix = argv[i] + 17;
        else if (argv[i][0] == '-') {
            fprintf(stderr, "replay: unknown option %s (accepted: -seed= -seconds= -runs= -artifact_prefix=)\n", argv[i]);
            return 2;
        } else add_path(argv[i]);
    }
    if (seconds < 0 && !runs) seconds = 10;
    g_rng = g_seed;
    signal(SIGABRT, on_fatal), signal(SIGSEGV, on_fatal), signal(SIGBUS, on_fatal), signal(SIGFPE, on_fatal);
    signal(SIGILL, on_fatal), signal(SIGINT, on_stop), signal(SIGTERM, on_stop);
    double start = now();
    for (size_t f = 0; f < g_nfiles; ++f, ++g_index) {
        g_input_size = g_sizes[f];
        memcpy(g_input, g_files[f], g_input_size);
        LLVMFuzzerTestOneInput(g_input, g_input_size);
    }
    unsigned long long random_runs = 0;
    for (;; ++random_runs, ++g_index) {
        if (g_stop || (runs && random_runs >= runs)) break;
        if (seconds >= 0 && (random_runs & 63) == 0 && now() - start >= seconds) break;
        make_input();
        LLVMFuzzerTestOneInput(g_input, g_input_size);
    }
    fprintf(stderr, "replay: seed %llu, %zu corpus inputs, %llu random inputs, %.0f s, %zu-bit\n", g_seed, g_nfiles,
            random_runs, now() - start, sizeof(void *) * 8);
    return 0;
}
