/* output: staging and swapping. On Linux the swap is one atomic
 * renameat2(RENAME_EXCHANGE): OUT is the old site or the new one at every
 * instant. Where that is not supported it is two renames, and a build killed
 * between them leaves the old site in OUT's ".referat-old" sibling, which the
 * next build puts back before anything else. Staging folders of builds that
 * were killed are removed by the next build. */
/* renameat2 and RENAME_EXCHANGE are GNU/Linux. */
#define _GNU_SOURCE

#include "output.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buffer.h"
#include "memory.h"

static Span no_span(void) {
    Span span = {NULL, 0, 0, 0, 0};
    return span;
}

/* Removes `path` and everything under it. A site holds some ten thousand
 * files, removed on every build (the old copy after the swap): entries are
 * unlinked relative to their folder's descriptor, with readdir's types
 * sparing a stat per file, and folders are walked with an explicit stack
 * (the tree is the output's, but its depth is not ours to trust). */
typedef struct {
    DIR *listing;
    char *name; /* to rmdir in the parent once empty */
} RemovalFolder;

static int remove_tree(const char *path) {
    struct stat info;
    if (lstat(path, &info) != 0)
        return errno == ENOENT ? 0 : -1;
    if (!S_ISDIR(info.st_mode))
        return unlink(path);
    int top = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    DIR *listing = top >= 0 ? fdopendir(top) : NULL;
    if (!listing) {
        if (top >= 0)
            close(top);
        return -1;
    }
    size_t depth = 1, capacity = 8;
    RemovalFolder *stack = xmalloc(capacity * sizeof *stack);
    stack[0] = (RemovalFolder){listing, NULL};
    int result = 0;
    while (depth) {
        RemovalFolder *folder = &stack[depth - 1];
        int descriptor = dirfd(folder->listing);
        struct dirent *entry = readdir(folder->listing);
        if (!entry) {
            closedir(folder->listing);
            char *name = folder->name;
            depth--;
            if (depth && unlinkat(dirfd(stack[depth - 1].listing), name, AT_REMOVEDIR) != 0)
                result = -1;
            free(name);
            continue;
        }
        const char *name = entry->d_name;
        if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
            continue;
        bool is_folder = entry->d_type == DT_DIR;
        if (entry->d_type == DT_UNKNOWN)
            is_folder = fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(info.st_mode);
        if (!is_folder) {
            if (unlinkat(descriptor, name, 0) != 0 && errno != ENOENT)
                result = -1;
            continue;
        }
        int child = openat(descriptor, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        DIR *child_listing = child >= 0 ? fdopendir(child) : NULL;
        if (!child_listing) {
            if (child >= 0)
                close(child);
            result = -1;
            continue;
        }
        if (depth == capacity) {
            capacity *= 2;
            stack = xreallocarray(stack, capacity, sizeof *stack);
        }
        stack[depth++] = (RemovalFolder){child_listing, xstrdup(name)};
    }
    free(stack);
    return rmdir(path) == 0 ? result : -1;
}

static bool directory_is_empty(const char *path) {
    DIR *directory = opendir(path);
    if (!directory)
        return false;
    struct dirent *entry;
    bool empty = true;
    while ((entry = readdir(directory)) != NULL) {
        if (strcmp(entry->d_name, ".") != 0 && strcmp(entry->d_name, "..") != 0) {
            empty = false;
            break;
        }
    }
    closedir(directory);
    return empty;
}

static char *sibling(const char *target, const char *suffix) {
    const char *slash = strrchr(target, '/');
    size_t directory_length = slash ? (size_t)(slash - target) + 1 : 0;
    const char *name = target + directory_length;
    size_t length = strlen(target) + strlen(suffix) + 3;
    char *path = xmalloc(length);
    snprintf(path, length, "%.*s.%s%s", (int)directory_length, target, name, suffix);
    return path;
}

/* Removes OUT's staging siblings whose build process is gone. */
static void remove_stale_staging(const char *target) {
    const char *slash = strrchr(target, '/');
    char *directory = slash ? xstrndup(target, (size_t)(slash - target)) : xstrdup(".");
    if (slash && !*directory) {
        free(directory);
        directory = xstrdup("/");
    }
    const char *name = slash ? slash + 1 : target;
    size_t prefix_length = strlen(name) + 2 + strlen(".referat-tmp-");
    char *prefix = xmalloc(prefix_length);
    snprintf(prefix, prefix_length, ".%s.referat-tmp-", name);
    DIR *folder = opendir(directory);
    struct dirent *entry;
    while (folder && (entry = readdir(folder)) != NULL) {
        if (strncmp(entry->d_name, prefix, prefix_length - 1) != 0)
            continue;
        long pid = strtol(entry->d_name + prefix_length - 1, NULL, 10);
        if (pid > 0 && pid != (long)getpid() && kill((pid_t)pid, 0) == 0)
            continue; /* a build still running */
        size_t length = strlen(directory) + strlen(entry->d_name) + 2;
        char *path = xmalloc(length);
        snprintf(path, length, "%s/%s", directory, entry->d_name);
        remove_tree(path);
        free(path);
    }
    if (folder)
        closedir(folder);
    free(prefix);
    free(directory);
}

bool output_is_site(const char *folder) {
    size_t length = strlen(folder) + sizeof OUTPUT_MARKER + 2;
    char *marker = xmalloc(length);
    snprintf(marker, length, "%s/%s", folder, OUTPUT_MARKER);
    /* The manifest's first line, not the file's existence: an empty or
     * foreign .referat-site proves nothing. */
    char first[9] = {0};
    int descriptor = open(marker, O_RDONLY | O_CLOEXEC);
    free(marker);
    if (descriptor < 0)
        return false;
    ssize_t n = read(descriptor, first, 8);
    close(descriptor);
    return n == 8 && memcmp(first, "referat\n", 8) == 0;
}

char *output_absolute_path(const char *path) {
    char *real = realpath(path, NULL);
    if (real)
        return real;
    /* Not there yet (`-o site/2026` in a fresh clone): the real path of
     * the nearest folder that exists, and the names below it, which cannot
     * be links since they do not exist. */
    size_t length = strlen(path);
    while (length > 1 && path[length - 1] == '/')
        length--;
    char *folder = xstrndup(path, length);
    const char *rest = NULL;
    char *real_folder = NULL;
    for (;;) {
        char *slash = strrchr(folder, '/');
        if (!slash) {
            rest = path;
            real_folder = realpath(".", NULL);
            break;
        }
        if (slash == folder) {
            rest = path + 1;
            real_folder = xstrdup("/");
            break;
        }
        *slash = '\0';
        real_folder = realpath(folder, NULL);
        if (real_folder || errno != ENOENT) {
            rest = path + (slash - folder) + 1;
            break;
        }
    }
    free(folder);
    if (!real_folder)
        return NULL;
    size_t rest_length = length - (size_t)(rest - path);
    /* A ".." below a folder that does not exist would be resolved by the
     * kernel only once the folders are made — past the checks that keep
     * the site out of the project's folders. */
    for (size_t at = 0; at < rest_length;) {
        size_t end = at;
        while (end < rest_length && rest[end] != '/')
            end++;
        if (end - at == 2 && rest[at] == '.' && rest[at + 1] == '.') {
            free(real_folder);
            return NULL;
        }
        at = end + 1;
    }
    size_t size = strlen(real_folder) + rest_length + 2;
    char *absolute = xmalloc(size);
    snprintf(absolute, size, "%s/%.*s", strcmp(real_folder, "/") == 0 ? "" : real_folder, (int)rest_length, rest);
    free(real_folder);
    return absolute;
}

bool output_open(Output *output, Diagnostics *diagnostics, const char *target, bool force) {
    memset(output, 0, sizeof *output);
    output->diagnostics = diagnostics;
    pthread_mutex_init(&output->lock, NULL);
    size_t length = strlen(target);
    while (length > 1 && target[length - 1] == '/')
        length--;
    output->target = xstrndup(target, length);
    /* A build killed between the two renames of the fallback swap left the
     * previous site aside: put it back first. */
    char *old = sibling(output->target, ".referat-old");
    struct stat info;
    if (stat(output->target, &info) != 0 && stat(old, &info) == 0)
        rename(old, output->target);
    if (stat(output->target, &info) == 0) {
        output->has_previous = true;
        if (!S_ISDIR(info.st_mode)) {
            diag_report_io(diagnostics, DIAG_E_OUTPUT, no_span(), "'%s' exists and is not a folder", output->target);
            free(old);
            output_abandon(output);
            return false;
        }
        bool ours = output_is_site(output->target);
        if (!ours && !force && !directory_is_empty(output->target)) {
            diag_report_io(diagnostics, DIAG_E_OUTPUT, no_span(),
                           "'%s' is not a folder referat built; it is left alone (use --force to replace it)",
                           output->target);
            free(old);
            output_abandon(output);
            return false;
        }
    }
    remove_tree(old);
    free(old);
    remove_stale_staging(output->target);
    char suffix[48];
    snprintf(suffix, sizeof suffix, ".referat-tmp-%ld", (long)getpid());
    output->staging = sibling(output->target, suffix);
    remove_tree(output->staging);
    if (mkdir(output->staging, 0755) != 0 && (errno != ENOENT || !output_make_folders(output->staging) ||
                                              mkdir(output->staging, 0755) != 0)) {
        diag_report_io(diagnostics, DIAG_E_OUTPUT, no_span(), "cannot create '%s': %s", output->staging, strerror(errno));
        free(output->staging);
        output->staging = NULL; /* not ours to remove */
        output_abandon(output);
        return false;
    }
    return true;
}

bool output_make_folders(char *path) {
    for (char *p = strchr(path + 1, '/'); p; p = strchr(p + 1, '/')) {
        *p = '\0';
        int result = mkdir(path, 0755);
        *p = '/';
        if (result != 0 && errno != EEXIST)
            return false;
    }
    return true;
}

/* The file written whole under a temporary name beside it, then moved into
 * place: a reader (or a crash) never sees half of it. With `replace`
 * false, link() puts it in place only if no file has the name, so two
 * commands racing cannot overwrite each other either. */
static bool write_whole_file(const char *path, const char *data, size_t length, bool replace) {
    size_t temporary_length = strlen(path) + 32;
    char *temporary = xmalloc(temporary_length);
    snprintf(temporary, temporary_length, "%s.referat-tmp-%ld", path, (long)getpid());
    int descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    bool ok = descriptor >= 0;
    for (size_t written = 0; ok && written < length;) {
        ssize_t n = write(descriptor, data + written, length - written);
        if (n < 0 && errno == EINTR)
            continue;
        ok = n > 0;
        written += ok ? (size_t)n : 0;
    }
    if (descriptor >= 0 && close(descriptor) != 0)
        ok = false;
    int saved = 0;
    if (ok && replace)
        ok = rename(temporary, path) == 0;
    else if (ok)
        ok = link(temporary, path) == 0;
    saved = errno;
    if (descriptor >= 0 && (!ok || !replace))
        unlink(temporary);
    free(temporary);
    errno = saved;
    return ok;
}

bool output_write_file(const char *path, const char *data, size_t length) {
    return write_whole_file(path, data, length, true);
}

bool output_create_file(const char *path, const char *data, size_t length) {
    return write_whole_file(path, data, length, false);
}

char *output_join_path(const char *folder, const char *relative) {
    size_t length = strlen(folder) + strlen(relative) + 2;
    char *path = xmalloc(length);
    snprintf(path, length, "%s/%s", folder, relative);
    return path;
}

static void report_write_error(Output *output, const char *relative, int error) {
    pthread_mutex_lock(&output->lock);
    if (!output->failed)
        diag_report_io(output->diagnostics, DIAG_E_OUTPUT, no_span(), "cannot write '%s': %s", relative, strerror(error));
    output->failed = true;
    pthread_mutex_unlock(&output->lock);
}

/* A fresh name beside `path` in the staging folder. */
static char *temporary_beside(Output *output, const char *path) {
    unsigned number = atomic_fetch_add(&output->temporary_names, 1);
    size_t length = strlen(path) + 32;
    char *temporary = xmalloc(length);
    snprintf(temporary, length, "%s.~%u", path, number);
    return temporary;
}

char *output_read_previous(const Output *output, const char *relative, size_t *length) {
    if (!output->target)
        return NULL;
    char *path = output_join_path(output->target, relative);
    StringBuffer data = {0};
    int error = buffer_read_file(&data, path, SIZE_MAX - 1);
    free(path);
    if (error) {
        buffer_free(&data);
        return NULL;
    }
    *length = data.length;
    return data.data ? data.data : xstrdup("");
}

static bool previous_has_bytes(const Output *output, const char *relative, const char *data, size_t length) {
    if (!output->target || !output->has_previous)
        return false; /* a first build: no stat per file to learn that */
    char *path = output_join_path(output->target, relative);
    struct stat info;
    bool same_size = stat(path, &info) == 0 && S_ISREG(info.st_mode) && (size_t)info.st_size == length;
    free(path);
    if (!same_size)
        return false;
    size_t previous_length = 0;
    char *previous = output_read_previous(output, relative, &previous_length);
    bool same = previous && previous_length == length && (length == 0 || memcmp(previous, data, length) == 0);
    free(previous);
    return same;
}

bool output_keep_previous(Output *output, const char *relative) {
    if (output->failed || !output->target)
        return false;
    char *previous = output_join_path(output->target, relative);
    char *path = output_join_path(output->staging, relative);
    struct stat info;
    bool kept = false;
    /* Only a regular file: a link, a pipe or a device planted in OUT is
     * not carried into the new site. */
    if (lstat(previous, &info) == 0 && S_ISREG(info.st_mode)) {
        /* Folders are made only when the link finds none (most exist). */
        int result = link(previous, path);
        if (result != 0 && errno == ENOENT && output_make_folders(path))
            result = link(previous, path);
        if (result == 0) {
            kept = true;
        } else if (errno == EEXIST) {
            char *temporary = temporary_beside(output, path);
            kept = link(previous, temporary) == 0 && rename(temporary, path) == 0;
            /* rename() does nothing when both names are links to one file
             * (kept once already), and the temporary name would stay. */
            unlink(temporary);
            free(temporary);
        }
    }
    if (kept)
        atomic_fetch_add(&output->files_kept, 1);
    free(previous);
    free(path);
    return kept;
}

/* Writes all of data to a new file; errno on failure. */
static int write_new_file(int descriptor, const char *data, size_t length) {
    size_t done = 0;
    while (done < length) {
        ssize_t n = write(descriptor, data + done, length - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return n < 0 ? errno : EIO;
        done += (size_t)n;
    }
    return 0;
}

void output_write(Output *output, const char *relative, const char *data, size_t length) {
    if (output->failed)
        return;
    if (previous_has_bytes(output, relative, data, length) && output_keep_previous(output, relative))
        return;
    char *path = output_join_path(output->staging, relative);
    int error = 0;
    /* A name not yet taken is a new file, ours alone: written in place. A
     * name taken (written twice, or a link to the live site) is replaced
     * by a rename, never opened. Folders are made when missing. */
    int descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (descriptor < 0 && errno == ENOENT && output_make_folders(path))
        descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (descriptor >= 0) {
        error = write_new_file(descriptor, data, length);
        if (close(descriptor) != 0 && !error)
            error = errno;
    } else if (errno != EEXIST) {
        error = errno;
    } else {
        char *temporary = temporary_beside(output, path);
        descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (descriptor < 0) {
            error = errno;
        } else {
            error = write_new_file(descriptor, data, length);
            if (close(descriptor) != 0 && !error)
                error = errno;
            if (!error && rename(temporary, path) != 0)
                error = errno;
            if (error)
                unlink(temporary);
        }
        free(temporary);
    }
    if (error)
        report_write_error(output, relative, error);
    else
        atomic_fetch_add(&output->files_written, 1);
    free(path);
}

bool output_commit(Output *output) {
    if (output->failed) {
        output_abandon(output);
        return false;
    }
    /* The site's builder may have written the marker with its manifest. */
    char *marker = output_join_path(output->staging, OUTPUT_MARKER);
    if (access(marker, F_OK) != 0)
        output_write(output, OUTPUT_MARKER, "referat\n", 8);
    free(marker);
    bool had_target = access(output->target, F_OK) == 0;
#ifdef RENAME_EXCHANGE
    /* One atomic step: afterwards the staging path holds the old site. */
    if (had_target && renameat2(AT_FDCWD, output->staging, AT_FDCWD, output->target, RENAME_EXCHANGE) == 0) {
        remove_tree(output->staging);
        free(output->staging);
        free(output->target);
        output->staging = output->target = NULL;
        return true;
    }
#endif
    char *old = sibling(output->target, ".referat-old");
    if (had_target && rename(output->target, old) != 0) {
        diag_report_io(output->diagnostics, DIAG_E_OUTPUT, no_span(), "cannot move '%s' aside: %s", output->target,
                       strerror(errno));
        free(old);
        output_abandon(output);
        return false;
    }
    if (rename(output->staging, output->target) != 0) {
        diag_report_io(output->diagnostics, DIAG_E_OUTPUT, no_span(), "cannot move the new site into '%s': %s",
                       output->target, strerror(errno));
        if (had_target)
            rename(old, output->target);
        free(old);
        output_abandon(output);
        return false;
    }
    if (had_target)
        remove_tree(old);
    free(old);
    free(output->staging);
    free(output->target);
    output->staging = output->target = NULL;
    return true;
}

void output_abandon(Output *output) {
    if (output->staging)
        remove_tree(output->staging);
    free(output->staging);
    free(output->target);
    output->staging = output->target = NULL;
}
