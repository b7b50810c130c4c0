#!/usr/bin/env bash
# Build cost of dbpush in a user's translation unit (issue 5, benchmark 7).
#   benchmarks/compile_cost.sh [BUILD_DIR]
#   DBPUSH_COMPILE_COST_SIZES=500 benchmarks/compile_cost.sh [BUILD_DIR]   (on demand: long)
# Generates TUs declaring N models (8 fields each, a unique, an index, a foreign
# key) that call db::push for SQLite and PostgreSQL, compiles each at -O0 and -O2,
# and prints wall time, CPU time (user + system: what a busy machine disturbs
# less), the compiler's peak memory, the object size and the number of
# functions the object defines (the last three do not depend on the load; at
# -O0 code generation costs about the same per function). Then compiles each
# public header alone.
# Each TU is compiled header-only ("-I include", no define) and as the CMake
# targets dbpush::sqlite / dbpush::postgres compile it ("sep": with
# DBPUSH_SEPARATE_COMPILATION, the engine compiled once per build in the targets'
# own TUs, which are measured at the end; see docs/build.md).
# Environment: DBPUSH_COMPILE_COST_SIZES (default "20 100"), DBPUSH_COMPILE_COST_OPTS
# (default "-O0 -O2"), DBPUSH_COMPILE_COST_MODES (default "header-only sep"),
# DBPUSH_COMPILE_COST_TIMEOUT (seconds per compile, default 900).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-$root/build/compile-cost}
mkdir -p "$work"
cxx=${CXX:-g++}
flags=(-std=c++20 -I"$root/include" $(pkg-config --cflags libpqxx))

generate() {  # N DIALECT -> file
  local n=$1 dialect=$2 file=$work/models_${1}_${2}.cpp
  {
    echo "#include <dbpush/${dialect}.hpp>"
    echo "#include <chrono>"; echo "#include <cstdint>"; echo "#include <optional>"; echo "#include <string>"; echo "#include <vector>"
    for ((i = 0; i < n; i++)); do
      cat <<CPP
struct M$i {
  std::int64_t id; std::string name; std::string email; double score; bool active;
  std::chrono::sys_seconds created_at; std::optional<std::vector<std::byte>> payload;
  std::optional<std::int64_t> parent_id;
};
CPP
    done
    for ((i = 0; i < n; i++)); do
      echo "template <> struct db::model<M$i> {"
      echo "  static constexpr auto fields = db::fields(db::field<&M$i::id>(db::primary_key, db::autoincrement),"
      echo "      db::field<&M$i::email>(db::unique), db::field<&M$i::created_at>(db::default_now)"
      if ((i > 0)); then echo "      , db::field<&M$i::parent_id>(db::references<&M$((i - 1))::id>(db::on_delete::set_null))"; fi
      echo "  );"
      echo "  static constexpr auto indexes = db::indexes(db::index_on<&M$i::name, &M$i::created_at>());"
      echo "};"
    done
    local list=""; for ((i = 0; i < n; i++)); do list+="${list:+, }M$i"; done
    if [ "$dialect" = sqlite ]; then
      echo "db::push_result push_all(SQLite::Database& c) { return db::push<$list>(c); }"
    else
      echo "db::push_result push_all(pqxx::connection_base& c) { return db::push<$list>(c); }"
    fi
  } > "$file"
  echo "$file"
}

measure() {  # label file flags...
  local label=$1 file=$2; shift 2
  local obj=$work/$(basename "$file" .cpp)${label//\//_}.o
  rm -f "$obj"
  if timeout "${DBPUSH_COMPILE_COST_TIMEOUT:-900}" /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" \
      "$cxx" "${flags[@]}" "$@" -c "$file" -o "$obj" 2>"$work/errors.txt"; then
    read -r seconds user system kib < "$work/time.txt"
    printf "%-34s %-7s %7.2f s %7.2f s %7d MB %8d KB %9d\n" "$(basename "$file")" "$label" "$seconds" \
      "$(awk "BEGIN{print $user + $system}")" "$((kib / 1024))" "$(( $(stat -c %s "$obj") / 1024 ))" \
      "$(nm --defined-only "$obj" | grep -c ' [TtWw] ')"
  else
    printf "%-34s %-7s FAILED or timed out (first error below)\n" "$(basename "$file")" "$label"
    grep -m1 -E "error|Killed" "$work/errors.txt" || tail -n 1 "$work/time.txt"
  fi
}

# What docs/build.md records beside the figures: the compiler, the commit and
# how busy the machine was.
echo "$("$cxx" --version | head -n 1); commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "TU                                 opt      wall       CPU     peak RSS   object functions"
for n in ${DBPUSH_COMPILE_COST_SIZES:-20 100}; do
  for dialect in sqlite postgres; do
    file=$(generate "$n" "$dialect")
    for mode in ${DBPUSH_COMPILE_COST_MODES:-header-only sep}; do
      for opt in ${DBPUSH_COMPILE_COST_OPTS:--O0 -O2}; do
        if [ "$mode" = sep ]; then measure "$opt/sep" "$file" "$opt" -DDBPUSH_SEPARATE_COMPILATION
        else measure "$opt" "$file" "$opt"; fi
      done
    done
  done
done
if [[ " ${DBPUSH_COMPILE_COST_MODES:-header-only sep} " == *" sep "* ]]; then
  echo
  echo "The engine TUs of dbpush::dbpush, dbpush::sqlite, dbpush::postgres and dbpush::tools, compiled once per build:"
  for part in core sqlite postgres tools; do
    [ -f "$root/include/dbpush/impl/$part.hpp" ] || continue
    echo "#include <dbpush/impl/$part.hpp>" > "$work/engine_$part.cpp"
    for opt in ${DBPUSH_COMPILE_COST_OPTS:--O0 -O2}; do
      measure "$opt/sep" "$work/engine_$part.cpp" "$opt" -DDBPUSH_SEPARATE_COMPILATION
    done
  done
fi
echo
# Compiled to an object, not -fsyntax-only: a header that made the TU emit code
# (a vtable keyed to a function defined in the header) costs codegen too.
echo "Each public header alone (-O0 -c), wall / CPU, header-only and with DBPUSH_SEPARATE_COMPILATION:"
for h in dbpush.hpp model.hpp sqlite.hpp postgres.hpp; do
  [ -f "$root/include/dbpush/$h" ] || continue
  echo "#include <dbpush/$h>" > "$work/header_$h.cpp"
  line=$(printf "  %-20s" "$h")
  for define in "" -DDBPUSH_SEPARATE_COMPILATION; do
    /usr/bin/time -f "%e %U %S" -o "$work/time.txt" "$cxx" "${flags[@]}" $define -O0 -c "$work/header_$h.cpp" -o /dev/null
    read -r seconds user system < "$work/time.txt"
    line+=$(printf " %6.2f s / %5.2f s" "$seconds" "$(awk "BEGIN{print $user + $system}")")
  done
  echo "$line"
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
