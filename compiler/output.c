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
#include <signal.h>
#include <stdint.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static Span no_span(void) {
    Span span = {NULL, 0, 0, 0, 0};
    return span;
}

static int remove_tree(const char *path) {
    struct stat info;
    if (lstat(path, &info) != 0)
        return errno == ENOENT ? 0 : -1;
    if (!S_ISDIR(info.st_mode))
        return unlink(path);
    DIR *directory = opendir(path);
    if (!directory)
        return -1;
    struct dirent *entry;
    int result = 0;
    while ((entry = readdir(directory)) != NULL) {
        if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0)
            continue;
        size_t length = strlen(path) + strlen(entry->d_name) + 2;
        char *child = malloc(length);
        if (!child)
            abort();
        snprintf(child, length, "%s/%s", path, entry->d_name);
        if (remove_tree(child) != 0)
            result = -1;
        free(child);
    }
    closedir(directory);
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
    char *path = malloc(length);
    if (!path)
        abort();
    snprintf(path, length, "%.*s.%s%s", (int)directory_length, target, name, suffix);
    return path;
}

/* Removes OUT's staging siblings whose build process is gone. */
static void remove_stale_staging(const char *target) {
    const char *slash = strrchr(target, '/');
    char *directory = slash ? strndup(target, (size_t)(slash - target)) : strdup(".");
    if (!directory)
        abort();
    if (slash && !*directory) {
        free(directory);
        directory = strdup("/");
    }
    const char *name = slash ? slash + 1 : target;
    size_t prefix_length = strlen(name) + 2 + strlen(".referat-tmp-");
    char *prefix = malloc(prefix_length);
    if (!prefix)
        abort();
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
        char *path = malloc(length);
        if (!path)
            abort();
        snprintf(path, length, "%s/%s", directory, entry->d_name);
        remove_tree(path);
        free(path);
    }
    if (folder)
        closedir(folder);
    free(prefix);
    free(directory);
}

bool output_open(Output *output, Diagnostics *diagnostics, const char *target, bool force) {
    memset(output, 0, sizeof *output);
    output->diagnostics = diagnostics;
    size_t length = strlen(target);
    while (length > 1 && target[length - 1] == '/')
        length--;
    output->target = strndup(target, length);
    if (!output->target)
        abort();
    /* A build killed between the two renames of the fallback swap left the
     * previous site aside: put it back first. */
    char *old = sibling(output->target, ".referat-old");
    struct stat info;
    if (stat(output->target, &info) != 0 && stat(old, &info) == 0)
        rename(old, output->target);
    if (stat(output->target, &info) == 0) {
        if (!S_ISDIR(info.st_mode)) {
            diag_report_io(diagnostics, "E-OUTPUT", no_span(), "'%s' exists and is not a folder", output->target);
            free(old);
            output_abandon(output);
            return false;
        }
        size_t marker_length = strlen(output->target) + sizeof OUTPUT_MARKER + 2;
        char *marker = malloc(marker_length);
        if (!marker)
            abort();
        snprintf(marker, marker_length, "%s/%s", output->target, OUTPUT_MARKER);
        bool ours = access(marker, F_OK) == 0;
        free(marker);
        if (!ours && !force && !directory_is_empty(output->target)) {
            diag_report_io(diagnostics, "E-OUTPUT", no_span(),
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
    if (mkdir(output->staging, 0755) != 0) {
        diag_report_io(diagnostics, "E-OUTPUT", no_span(), "cannot create '%s': %s", output->staging, strerror(errno));
        free(output->staging);
        output->staging = NULL; /* not ours to remove */
        output_abandon(output);
        return false;
    }
    return true;
}

static bool make_parents(char *path) {
    for (char *p = strchr(path + 1, '/'); p; p = strchr(p + 1, '/')) {
        *p = '\0';
        int result = mkdir(path, 0755);
        *p = '/';
        if (result != 0 && errno != EEXIST)
            return false;
    }
    return true;
}

void output_write(Output *output, const char *relative, const char *data, size_t length) {
    if (output->failed)
        return;
    size_t path_length = strlen(output->staging) + strlen(relative) + 2;
    char *path = malloc(path_length);
    if (!path)
        abort();
    snprintf(path, path_length, "%s/%s", output->staging, relative);
    FILE *file = NULL;
    if (make_parents(path))
        file = fopen(path, "wb");
    if (!file || fwrite(data, 1, length, file) != length || fclose(file) != 0) {
        diag_report_io(output->diagnostics, "E-OUTPUT", no_span(), "cannot write '%s': %s", relative, strerror(errno));
        output->failed = true;
    } else {
        output->files_written++;
    }
    free(path);
}

bool output_commit(Output *output) {
    if (output->failed) {
        output_abandon(output);
        return false;
    }
    output_write(output, OUTPUT_MARKER, "referat\n", 8);
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
        diag_report_io(output->diagnostics, "E-OUTPUT", no_span(), "cannot move '%s' aside: %s", output->target,
                       strerror(errno));
        free(old);
        output_abandon(output);
        return false;
    }
    if (rename(output->staging, output->target) != 0) {
        diag_report_io(output->diagnostics, "E-OUTPUT", no_span(), "cannot move the new site into '%s': %s",
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
