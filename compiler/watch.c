/* watch: the inotify loop. Folders are (re)added after every round, so new
 * body folders are watched too; hidden entries and the output folder (a
 * referat site) are not. */
#include "watch.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "output.h"
#include "project.h"

enum { WATCH_SETTLE_MS = 150, WATCH_MAX_DEPTH = 16 };

static void add_watches(int fd, const char *path, int depth) {
    inotify_add_watch(fd, path, IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE);
    if (depth >= WATCH_MAX_DEPTH)
        return;
    DIR *folder = opendir(path);
    if (!folder)
        return;
    struct dirent *entry;
    while ((entry = readdir(folder)) != NULL) {
        if (entry->d_name[0] == '.')
            continue;
        char child[PATH_MAX];
        if (snprintf(child, sizeof child, "%s/%s", path, entry->d_name) >= (int)sizeof child)
            continue;
        struct stat info;
        if (lstat(child, &info) != 0 || !S_ISDIR(info.st_mode))
            continue;
        char marker[PATH_MAX];
        if (snprintf(marker, sizeof marker, "%s/" OUTPUT_MARKER, child) < (int)sizeof marker && access(marker, F_OK) == 0)
            continue; /* our own output: watching it would loop */
        add_watches(fd, child, depth + 1);
    }
    closedir(folder);
}

typedef struct {
    char **lines;
    size_t count;
} Seen;

static bool seen_has(const Seen *seen, const char *line) {
    for (size_t i = 0; i < seen->count; i++)
        if (strcmp(seen->lines[i], line) == 0)
            return true;
    return false;
}

static void seen_free(Seen *seen) {
    for (size_t i = 0; i < seen->count; i++)
        free(seen->lines[i]);
    free(seen->lines);
    seen->lines = NULL;
    seen->count = 0;
}

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1000.0 + (double)t.tv_nsec / 1e6;
}

/* One round: check, build if clean, print what is new. */
static void round_once(const char *directory, const char *out, SiteOptions options, Seen *seen) {
    double started = now_ms();
    Arena arena;
    arena_init(&arena);
    Diagnostics diagnostics;
    diag_init(&diagnostics, &arena);
    Project project;
    bool loaded = project_load(&arena, &diagnostics, directory, &project, options.jobs);
    if (loaded)
        check_project(&diagnostics, &project);
    bool built = loaded && !diagnostics.io_error && diagnostics.error_count == 0 &&
                 site_build(&arena, &diagnostics, &project, out, options);
    diag_sort(&diagnostics);
    char *text = NULL;
    size_t length = 0;
    FILE *stream = open_memstream(&text, &length);
    DiagRenderOptions render = {DIAG_FORMAT_GCC, false};
    diag_render(&diagnostics, stream, render);
    fclose(stream);
    Seen current = {0};
    size_t fresh = 0;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        if (!seen_has(seen, line)) {
            printf("%s\n", line);
            fresh++;
        }
        current.lines = realloc(current.lines, (current.count + 1) * sizeof *current.lines);
        if (!current.lines)
            abort();
        current.lines[current.count++] = strdup(line);
    }
    free(text);
    size_t gone = 0;
    for (size_t i = 0; i < seen->count; i++)
        gone += !seen_has(&current, seen->lines[i]);
    printf("referat watch: %s in %.0f ms — %zu error%s, %zu warning%s (%zu new, %zu gone)%s\n",
           built ? "built" : "not built", now_ms() - started, diagnostics.error_count,
           diagnostics.error_count == 1 ? "" : "s", diagnostics.warning_count, diagnostics.warning_count == 1 ? "" : "s",
           fresh, gone, built ? "" : "; the site is the last good one");
    fflush(stdout);
    seen_free(seen);
    *seen = current;
    diag_dispose(&diagnostics);
    arena_free(&arena);
}

int watch_run(const char *directory, const char *out, SiteOptions options, volatile sig_atomic_t *stop) {
    int fd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
    if (fd < 0) {
        fprintf(stderr, "referat: cannot watch files: %s\n", strerror(errno));
        return 2;
    }
    Seen seen = {0};
    add_watches(fd, directory, 0);
    round_once(directory, out, options, &seen);
    char buffer[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
    while (!*stop) {
        struct pollfd poller = {fd, POLLIN, 0};
        int ready = poll(&poller, 1, 500);
        if (ready <= 0)
            continue;
        /* Drain, then wait for the writes to settle. */
        while (read(fd, buffer, sizeof buffer) > 0)
            ;
        while (!*stop && poll(&poller, 1, WATCH_SETTLE_MS) > 0)
            while (read(fd, buffer, sizeof buffer) > 0)
                ;
        if (*stop)
            break;
        add_watches(fd, directory, 0);
        round_once(directory, out, options, &seen);
    }
    seen_free(&seen);
    close(fd);
    return 0;
}
