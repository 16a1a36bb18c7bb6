/* init: `referat init` writes a project to start from — a commented
 * referat.yaml with one body and its roster, the body's meetings folder,
 * a .gitignore for the built site, and CI workflows (GitHub Actions,
 * GitLab CI) that run check and fmt --check on every push. The files are
 * text kept here, not templates to find at run time, so an installed
 * binary can write them. */
#include "memory.h"
#include "init.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output.h"
#include "referat.h"

#ifndef REFERAT_SOURCE_URL
#define REFERAT_SOURCE_URL ""
#endif

static const char init_config[] =
    "# referat.yaml: the settings of this project. Each meeting is a file\n"
    "# meetings/<body>/<YYYY-MM-DD>.md; `referat new styret 2026-01-15` writes\n"
    "# the next notice, `referat check` reads them all, `referat build` writes\n"
    "# the site into site/.\n"
    "site:\n"
    "  title: Styret i Eksempel helsefellesskap    # the title of every page\n"
    "  language: nb          # nb, nn or en: the keywords you write and the labels referat prints\n"
    "  # base_url: https://www.example.no/referat/   # the published address; feeds and sitemap need it\n"
    "\n"
    "bodies:\n"
    "  styret:               # the body's id: a-z, 0-9 and -, used in file names and web addresses\n"
    "    name: Styret i Eksempel helsefellesskap\n"
    "    short: Styret       # the short name used in titles\n"
    "    numbering: NN/YY    # case numbers: NN/YY, NN/YYYY, NN-YY or NN-YYYY; they restart each year\n"
    "    quorum:\n"
    "      present: 1/2      # voting members needed at every decision: a share of the seats or a number\n"
    "      # per_party:      # at least this many voting members of each party\n"
    "      #   kommunene: 1\n"
    "      #   helseforetaket: 1\n"
    "    # archive_from: 41/26   # the first case this project holds, when it starts mid-year:\n"
    "    #                       # `referat new` continues from there\n"
    "    # The roster: names in meeting files are checked against it (did-you-mean\n"
    "    # on a misspelling), and the quorum is counted from it.\n"
    "    members:\n"
    "      - name: Kari Nordmann\n"
    "        role: Leder\n"
    "        party: kommunene\n"
    "      - name: Ola Nordmann\n"
    "        role: Nestleder\n"
    "        party: helseforetaket\n"
    "      - name: Fatima Ali\n"
    "        role: Medlem\n"
    "        party: kommunene\n"
    "      - name: Per Hansen\n"
    "        role: Brukerrepresentant\n"
    "        vote: false     # møte- og talerett: attends and speaks, does not vote\n"
    "        # from: 2026-01-01   # a membership period, when it is not the whole archive\n"
    "        # to: 2027-12-31\n";

static const char init_gitignore[] =
    "# The built site: `referat build` writes it, the web server gets a copy.\n"
    "/site/\n";

/* The shell steps both CI files run to get referat: Debian 12's packages and
 * a build from source. REFERAT_GIT says where that source is. */
#define INIT_CI_PACKAGES                                                                                                \
    "git ca-certificates meson ninja-build gcc libc6-dev pkg-config libyaml-dev libcmark-gfm-dev "                      \
    "libcmark-gfm-extensions-dev libhpdf-dev fonts-dejavu-core fonts-dejavu-extra"

static const char init_github[] =
    "# Checks every meeting on each push and pull request; referat's diagnostics\n"
    "# show as annotations on the lines they are about. Written by `referat init`.\n"
    "name: referat\n"
    "on: [push, pull_request]\n"
    "env:\n"
    "  # The git address of referat's source, built here on Debian 12.\n"
    "  REFERAT_GIT: \"%s\"\n"
    "jobs:\n"
    "  check:\n"
    "    runs-on: ubuntu-latest\n"
    "    container: debian:12\n"
    "    steps:\n"
    "      - uses: actions/checkout@v4\n"
    "      - name: Install referat\n"
    "        run: |\n"
    "          test -n \"$REFERAT_GIT\" || { echo \"::error::set REFERAT_GIT in this workflow to the git address of referat\"; exit 1; }\n"
    "          apt-get update && apt-get install -y --no-install-recommends " INIT_CI_PACKAGES "\n"
    "          git clone --depth 1 \"$REFERAT_GIT\" /tmp/referat\n"
    "          meson setup /tmp/referat/build /tmp/referat -Dtests=false && meson install -C /tmp/referat/build\n"
    "      - name: Check the meetings\n"
    "        run: referat check --format github\n"
    "      - name: Check the layout\n"
    "        run: find meetings -name '*.md' -exec referat fmt --check {} +\n"
    "      - name: Build the site\n"
    "        run: referat build -o site\n";

static const char init_gitlab[] =
    "# Checks every meeting on each push; written by `referat init`.\n"
    "referat:\n"
    "  image: debian:12\n"
    "  variables:\n"
    "    # The git address of referat's source, built here on Debian 12.\n"
    "    REFERAT_GIT: \"%s\"\n"
    "  before_script:\n"
    "    - test -n \"$REFERAT_GIT\" || { echo \"set REFERAT_GIT in .gitlab-ci.yml to the git address of referat\"; exit 1; }\n"
    "    - apt-get update && apt-get install -y --no-install-recommends " INIT_CI_PACKAGES "\n"
    "    - git clone --depth 1 \"$REFERAT_GIT\" /tmp/referat\n"
    "    - meson setup /tmp/referat/build /tmp/referat -Dtests=false && meson install -C /tmp/referat/build\n"
    "  script:\n"
    "    - referat check --format gcc\n"
    "    - find meetings -name '*.md' -exec referat fmt --check {} +\n"
    "    - referat build -o site\n"
    "  artifacts:\n"
    "    paths:\n"
    "      - site/\n";

typedef struct {
    const char *relative;
    char *text;
} InitFile;

static char *text_with_source(const char *format) {
    size_t length = strlen(format) + strlen(REFERAT_SOURCE_URL) + 1;
    char *text = xmalloc(length);
    snprintf(text, length, format, REFERAT_SOURCE_URL);
    return text;
}


int init_project(const char *directory, bool force) {
    InitFile files[] = {
        {"referat.yaml", xstrdup(init_config)},
        {".gitignore", xstrdup(init_gitignore)},
        {".github/workflows/referat.yml", text_with_source(init_github)},
        {".gitlab-ci.yml", text_with_source(init_gitlab)},
        /* git keeps no empty folder; referat skips hidden files. */
        {"meetings/styret/.gitkeep", xstrdup("")},
    };
    enum { FILE_COUNT = sizeof files / sizeof files[0] };
    int status = REFERAT_EXIT_OK;
    /* All or nothing: look at every target before writing the first. */
    for (size_t i = 0; i < FILE_COUNT && !force; i++) {
        char *path = output_join_path(directory, files[i].relative);
        if (access(path, F_OK) == 0) {
            fprintf(stderr, "referat: init: %s exists; nothing was written (--force replaces referat init's files)\n",
                    path);
            status = REFERAT_EXIT_USAGE;
        }
        free(path);
    }
    for (size_t i = 0; i < FILE_COUNT && status == REFERAT_EXIT_OK; i++) {
        char *path = output_join_path(directory, files[i].relative);
        const char *text = files[i].text;
        if (!output_make_folders(path) || !output_write_file(path, text, strlen(text))) {
            fprintf(stderr, "referat: init: cannot write %s: %s\n", path, strerror(errno));
            status = REFERAT_EXIT_USAGE;
        }
        free(path);
    }
    for (size_t i = 0; i < FILE_COUNT; i++)
        free(files[i].text);
    bool here = strcmp(directory, ".") == 0;
    if (status == REFERAT_EXIT_OK)
        fprintf(stderr,
                "referat: a new project in %s. Edit referat.yaml (the body and its roster), then%s%s\n"
                "  referat new styret YYYY-MM-DD   writes the first notice into meetings/styret/\n"
                "  referat check                   reads every meeting\n"
                "  referat build                   writes the site into site/\n"
                "%s",
                directory, here ? "" : ", in ", here ? "" : directory,
                REFERAT_SOURCE_URL[0] ? ""
                                      : "In .github/workflows/referat.yml and .gitlab-ci.yml, set REFERAT_GIT to the "
                                        "git address of referat's source.\n");
    return status;
}
