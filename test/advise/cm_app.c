/* A Cortex-M4 program whose allocations test/advise.mk records under QEMU (linked against a
 * RECORD=1 build of lite-alloc with newlib-nano) and runs make advise TARGET=cortex-m4 on: a
 * message broker of a sensor node. Topics are interned strings in a hash table, messages are
 * queued per topic in linked lists and drained in batches, a log line buffer grows with realloc,
 * and printf's own buffer comes from the heap too. Deterministic (a fixed LCG seed). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct msg { struct msg *next; size_t len; char body[]; };
struct topic { struct topic *next; char *name; struct msg *head, *tail; unsigned count; };

static uint32_t seed = 12345;
static uint32_t rnd(uint32_t n) { seed = seed * 1103515245u + 12345u; return (seed >> 8) % n; }

#define BUCKETS 16
static struct topic *table[BUCKETS];

static struct topic *topic(const char *name) {
    uint32_t h = 5381;
    for (const char *p = name; *p; p++) h = h * 33 + (unsigned char)*p;
    struct topic **slot = &table[h % BUCKETS];
    for (struct topic *t = *slot; t; t = t->next)
        if (!strcmp(t->name, name)) return t;
    struct topic *t = calloc(1, sizeof *t);
    if (!t || !(t->name = strdup(name))) return 0;
    t->next = *slot;
    *slot = t;
    return t;
}

static int publish(struct topic *t, size_t len) {
    struct msg *m = malloc(sizeof *m + len);
    if (!m) return -1;
    m->next = 0;
    m->len = len;
    memset(m->body, (int)(len & 0x7f), len);
    if (t->tail) t->tail->next = m; else t->head = m;
    t->tail = m;
    t->count++;
    return 0;
}

static unsigned long drain(struct topic *t, unsigned keep) {
    unsigned long bytes = 0;
    while (t->count > keep) {
        struct msg *m = t->head;
        t->head = m->next;
        if (!t->head) t->tail = 0;
        bytes += m->len;
        free(m);
        t->count--;
    }
    return bytes;
}

int main(void) {
    static const char *kinds[] = {"temp", "humidity", "pressure", "accel", "gyro", "battery", "gps", "log"};
    char *line = 0;
    size_t cap = 0, used = 0;
    unsigned long drained = 0;
    for (int round = 0; round < 40; round++) {
        for (int i = 0; i < 40; i++) {
            char name[32];
            snprintf(name, sizeof name, "node%u/%s", (unsigned)rnd(6), kinds[rnd(8)]);
            struct topic *t = topic(name);
            size_t len = rnd(4) == 0 ? 64 + rnd(200) : 8 + rnd(24);
            if (!t || publish(t, len)) { printf("cm_app: out of memory\n"); return 1; }
            if (used + 48 > cap) {
                size_t ncap = cap ? cap * 2 : 64;
                char *grown = realloc(line, ncap);
                if (!grown) { printf("cm_app: out of memory\n"); return 1; }
                line = grown;
                cap = ncap;
            }
            used += (size_t)snprintf(line + used, cap - used, "%s:%u;", name, (unsigned)len);
        }
        if (round % 4 == 3) {  /* flush the log line, drain the queues to a few messages each */
            for (int b = 0; b < BUCKETS; b++)
                for (struct topic *t = table[b]; t; t = t->next) drained += drain(t, round % 8 == 7 ? 0 : 3);
            free(line);
            line = 0;
            cap = used = 0;
        }
    }
    unsigned topics = 0;
    for (int b = 0; b < BUCKETS; b++)
        while (table[b]) {
            struct topic *t = table[b];
            table[b] = t->next;
            drained += drain(t, 0);
            free(t->name);
            free(t);
            topics++;
        }
    free(line);
    printf("cm_app: ok (%u topics, %lu bytes of messages)\n", topics, drained);
    return 0;
}
