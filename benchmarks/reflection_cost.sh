#!/usr/bin/env bash
# Compile cost of walking the fields of 20 models of 8 fields at -O0: Boost.PFR
# (what dbpush uses: plain aggregates) against Boost.Hana (each struct adapted
# with BOOST_HANA_ADAPT_STRUCT, its field names written a second time).
# Prints wall time and peak memory of 3 compiles of each. docs/architecture.md.
set -euo pipefail
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$dir" <<'PY'
import sys
out, models, fields = sys.argv[1], 20, 8
types = ['int', 'long long', 'double', 'std::string', 'bool', 'float', 'int', 'std::string']
structs = [f"struct M{i} {{ " + "".join(f"{types[j]} f{j}; " for j in range(fields)) + "};" for i in range(models)]
main = "int main() { std::size_t n = 0; " + " ".join(f"n += walk<M{i}>();" for i in range(models)) + ' std::printf("%zu\\n", n); }'
pfr = ["#include <boost/pfr.hpp>", "#include <cstdio>", "#include <string>", *structs,
       "template <class T> std::size_t walk() { std::size_t n = 0; T t{}; "
       "boost::pfr::for_each_field(t, [&](auto& v) { n += sizeof(v); }); return n; }", main]
hana = ["#include <boost/hana.hpp>", "#include <cstdio>", "#include <string>"]
for i, s in enumerate(structs):
    hana += [s, f"BOOST_HANA_ADAPT_STRUCT(M{i}, " + ", ".join(f"f{j}" for j in range(fields)) + ");"]
hana += ["template <class T> std::size_t walk() { std::size_t n = 0; "
         "boost::hana::for_each(boost::hana::accessors<T>(), [&](auto pair) { "
         "n += boost::hana::to<char const*>(boost::hana::first(pair))[0] + "
         "sizeof(decltype(boost::hana::second(pair)(std::declval<T&>()))); }); return n; }", main]
open(f"{out}/pfr.cpp", "w").write("\n".join(pfr))
open(f"{out}/hana.cpp", "w").write("\n".join(hana))
PY
for f in pfr hana; do
  for _ in 1 2 3; do
    /usr/bin/time -f "$f: %e s wall, %M KB peak" "${CXX:-g++}" -std=c++20 -O0 -c "$dir/$f.cpp" -o /dev/null
  done
done
