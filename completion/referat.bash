# bash completion for referat; installed by `meson install` into
# share/bash-completion/completions/referat.
_referat() {
    local cur prev command
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    command=${COMP_WORDS[1]}
    local commands="init check build new minutes fmt watch import dump export lsp help"
    if [[ $COMP_CWORD -eq 1 ]]; then
        COMPREPLY=($(compgen -W "$commands --help --version -V" -- "$cur"))
        return
    fi
    case $prev in
        --format) COMPREPLY=($(compgen -W "human gcc json github" -- "$cur")); return ;;
        -o|--output|--report) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        -j|--jobs|--body) return ;;
    esac
    local options
    case $command in
        init) options="--force" ;;
        check) options="--format --werror --fix --jobs -j --quiet -q" ;;
        build) options="--output -o --internal --no-pdf --pretty --force --format --jobs -j --quiet -q" ;;
        new) options="" ;;
        minutes) options="--output -o --force" ;;
        fmt) options="--check" ;;
        watch) options="--output -o --no-pdf --jobs -j" ;;
        import) options="--body --output -o --report --check --force" ;;
        dump) options="--public" ;;
        export) options="--output -o --force" ;;
        lsp) options="" ;;
        help) COMPREPLY=($(compgen -W "$commands" -- "$cur")); return ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$options --help" -- "$cur"))
    elif [[ $command == new && $COMP_CWORD -eq 2 && -f referat.yaml ]]; then
        # The body ids of the project in the current folder.
        COMPREPLY=($(compgen -W "$(sed -n '/^bodies:/,/^[^ #]/s/^  \([a-z0-9-]*\):.*/\1/p' referat.yaml)" -- "$cur"))
    elif [[ $command == fmt || $command == minutes || $command == import ]]; then
        COMPREPLY=($(compgen -f -- "$cur"))
    else
        COMPREPLY=($(compgen -d -- "$cur"))
    fi
}
complete -o filenames -F _referat referat
