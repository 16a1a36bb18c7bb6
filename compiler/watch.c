/* watch: the inotify loop. Folders are (re)added after every round, so new
 * body folders are watched too; hidden entries and the output folder (a
 * referat site) are not. The project is kept parsed between rounds
 * (session.c, as the language server keeps it): a round reads and parses
 * only the meeting files that changed, checks them all, and builds. */
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

#include "limits.h"
#include "memory.h"
#include "output.h"
#include "referat.h"
#include "session.h"

enum { WATCH_SETTLE_MS = 150 };

/* The folders watched, by watch descriptor, as absolute paths: an event
 * names only its entry, and whether that entry is OUT needs the folder. */
typedef struct {
    int descriptor;
    char *path;
} WatchedFolder;

typedef struct {
    WatchedFolder *items;
    size_t count;
} WatchedFolders;

static void watched_remember(WatchedFolders *folders, int descriptor, const char *path) {
    if (descriptor < 0)
        return;
    for (size_t i = 0; i < folders->count; i++)
        if (folders->items[i].descriptor == descriptor) {
            free(folders->items[i].path);
            folders->items[i].path = realpath(path, NULL);
            return;
        }
    folders->items = xrealloc(folders->items, (folders->count + 1) * sizeof *folders->items);
    folders->items[folders->count++] = (WatchedFolder){descriptor, realpath(path, NULL)};
}

static const char *watched_path(const WatchedFolders *folders, int descriptor) {
    for (size_t i = 0; i < folders->count; i++)
        if (folders->items[i].descriptor == descriptor)
            return folders->items[i].path;
    return NULL;
}

static void watched_free(WatchedFolders *folders) {
    for (size_t i = 0; i < folders->count; i++)
        free(folders->items[i].path);
    free(folders->items);
}

/* Walks the project's folders iteratively (an explicit stack, as deep as
 * LIMIT_WATCH_DEPTH), skipping hidden ones and referat sites. */
static void add_watches(int fd, WatchedFolders *folders, const char *root) {
    typedef struct {
        char *path;
        int depth;
    } Pending;
    Pending *stack = xmalloc(sizeof *stack);
    size_t count = 0, capacity = 1;
    stack[count++] = (Pending){xstrdup(root), 0};
    while (count) {
        Pending folder = stack[--count];
        int descriptor =
            inotify_add_watch(fd, folder.path, IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE);
        watched_remember(folders, descriptor, folder.path);
        DIR *listing = folder.depth < LIMIT_WATCH_DEPTH ? opendir(folder.path) : NULL;
        struct dirent *entry;
        while (listing && (entry = readdir(listing)) != NULL) {
            if (entry->d_name[0] == '.')
                continue;
            char child[PATH_MAX];
            if (snprintf(child, sizeof child, "%s/%s", folder.path, entry->d_name) >= (int)sizeof child)
                continue;
            struct stat info;
            if (lstat(child, &info) != 0 || !S_ISDIR(info.st_mode))
                continue;
            if (output_is_site(child))
                continue; /* a referat site: watching it would loop */
            if (count == capacity) {
                capacity *= 2;
                stack = xrealloc(stack, capacity * sizeof *stack);
            }
            stack[count++] = (Pending){xstrdup(child), folder.depth + 1};
        }
        if (listing)
            closedir(listing);
        free(folder.path);
    }
    free(stack);
}


/* Whether a batch of events holds a change to the project: events for
 * hidden entries (editors' swap files, the build's staging folder) and for
 * OUT itself (the build replacing it) are not. */
static bool events_matter(const char *buffer, ssize_t length, const WatchedFolders *folders, const char *out) {
    bool matter = false;
    for (ssize_t offset = 0; offset < length;) {
        const struct inotify_event *event = (const struct inotify_event *)(buffer + offset);
        offset += (ssize_t)(sizeof *event + event->len);
        if (event->mask & IN_Q_OVERFLOW) {
            matter = true;
            continue;
        }
        if (event->len == 0 || event->name[0] == '.')
            continue;
        const char *folder = watched_path(folders, event->wd);
        if (out && folder) {
            size_t folder_length = strlen(folder);
            if (strncmp(out, folder, folder_length) == 0 && out[folder_length] == '/' &&
                strcmp(out + folder_length + 1, event->name) == 0)
                continue;
        }
        matter = true;
    }
    return matter;
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
static void round_once(Session *session, const char *directory, const char *out, BuildOptions options, Seen *seen) {
    double started = now_ms();
    /* The compilation is the session's, valid until the next round; the
     * build allocates in it too. */
    Compilation *c = session_check(session, NULL, 0, options.jobs);
    bool built = compilation_clean(c) && build_site(&c->arena, &c->diagnostics, &c->project, out, options);
    size_t files = 0, parsed = 0;
    session_last_counts(session, &files, &parsed);
    const Diagnostics *d = &c->diagnostics;
    char *text = NULL;
    size_t length = 0;
    FILE *stream = open_memstream(&text, &length);
    compilation_report(c, stream, DIAG_FORMAT_GCC, false, directory);
    fclose(stream);
    Seen current = {0};
    size_t fresh = 0;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        if (!seen_has(seen, line)) {
            printf("%s\n", line);
            fresh++;
        }
        current.lines = xrealloc(current.lines, (current.count + 1) * sizeof *current.lines);
        current.lines[current.count++] = xstrdup(line);
    }
    free(text);
    size_t gone = 0;
    for (size_t i = 0; i < seen->count; i++)
        gone += !seen_has(&current, seen->lines[i]);
    printf("referat watch: %s in %.0f ms (%zu of %zu meeting files read again) — %zu error%s, %zu warning%s "
           "(%zu new, %zu gone)%s\n",
           built ? "built" : "not built", now_ms() - started, parsed, files, d->error_count,
           d->error_count == 1 ? "" : "s", d->warning_count, d->warning_count == 1 ? "" : "s", fresh, gone,
           built ? "" : "; the site is the last good one");
    fflush(stdout);
    seen_free(seen);
    *seen = current;
}

int watch_run(const char *directory, const char *out, BuildOptions options, volatile sig_atomic_t *stop) {
    int fd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
    if (fd < 0) {
        fprintf(stderr, "referat: cannot watch files: %s\n", strerror(errno));
        return 2;
    }
    Seen seen = {0};
    WatchedFolders folders = {0};
    char *root = realpath(directory, NULL);
    if (!root) {
        fprintf(stderr, "referat: cannot watch '%s': %s\n", directory, strerror(errno));
        close(fd);
        return 2;
    }
    Session *session = session_new(root);
    free(root);
    add_watches(fd, &folders, directory);
    round_once(session, directory, out, options, &seen);
    char *out_path = output_absolute_path(out);
    char buffer[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
    while (!*stop) {
        struct pollfd poller = {fd, POLLIN, 0};
        if (poll(&poller, 1, 500) <= 0)
            continue;
        /* Drain, then wait for the writes to settle. */
        bool matter = false;
        ssize_t n;
        while ((n = read(fd, buffer, sizeof buffer)) > 0)
            matter |= events_matter(buffer, n, &folders, out_path);
        while (!*stop && poll(&poller, 1, WATCH_SETTLE_MS) > 0)
            while ((n = read(fd, buffer, sizeof buffer)) > 0)
                matter |= events_matter(buffer, n, &folders, out_path);
        if (*stop || !matter)
            continue;
        add_watches(fd, &folders, directory);
        round_once(session, directory, out, options, &seen);
        /* The first build may have made OUT's folder. */
        free(out_path);
        out_path = output_absolute_path(out);
    }
    free(out_path);
    watched_free(&folders);
    seen_free(&seen);
    session_free(session);
    close(fd);
    return 0;
}
