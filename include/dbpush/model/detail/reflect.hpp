// dbpush: compile-time names of structs, fields and enumerators.
//
// Boost.PFR 1.81 has no get_name, so names come from GCC's __PRETTY_FUNCTION__
// of a function templated on a value: a pointer to a field of a never-defined
// object (its address is a constant; nothing is ever read), a member pointer, or
// an enumerator. Names are copied into static arrays so nothing points into the
// (consteval, never emitted) function names.
#pragma once

#include <boost/pfr/core.hpp>
#include <boost/pfr/tuple_size.hpp>

#include <array>
#include <tuple>
#include <cstddef>
#include <string_view>
#include <type_traits>
#include <utility>

namespace db::detail {

// Never defined: only the addresses of its fields are used, in constant expressions.
template <class T>
extern const T fake_object;

// A name as a structural value, so it can be a template argument and show up in
// diagnostics (e.g. `fixed_name<5>{"email"}`).
template <std::size_t N>
struct fixed_name {
  char chars[N + 1]{};
  constexpr std::string_view view() const { return {chars, N}; }
};

template <std::size_t N>
consteval fixed_name<N> to_fixed_name(std::string_view s) {
  fixed_name<N> out{};
  for (std::size_t i = 0; i < N; ++i) out.chars[i] = s[i];
  return out;
}

template <auto V>
consteval std::string_view pretty_value() {
  return __PRETTY_FUNCTION__;
}
template <class T>
consteval std::string_view pretty_type() {
  return __PRETTY_FUNCTION__;
}

// "... [with auto V = <text>; std::string_view = ...]" -> "<text>"
consteval std::string_view argument_text(std::string_view pretty) {
  const auto begin = pretty.find(" = ") + 3;
  const auto end = pretty.find("; std::string_view", begin);
  return pretty.substr(begin, end - begin);
}

// The last identifier of a qualified name, an enumerator or a field access
// ("(& fake_object<ns::User>.ns::User::email)" -> "email"; "ns::Foo<int>" -> "Foo").
consteval std::string_view unqualified(std::string_view text) {
  while (!text.empty() && (text.back() == ')' || text.back() == ' ')) text.remove_suffix(1);
  if (!text.empty() && text.back() == '>') {
    int depth = 0;
    for (std::size_t i = text.size(); i-- > 0;) {
      if (text[i] == '>') ++depth;
      if (text[i] == '<' && --depth == 0) {
        text = text.substr(0, i);
        break;
      }
    }
  }
  const auto cut = text.find_last_of(":.");
  return cut == std::string_view::npos ? text : text.substr(cut + 1);
}

template <std::string_view (*Compute)()>
consteval auto store_name() {
  constexpr std::string_view name = Compute();
  return to_fixed_name<name.size()>(name);
}
template <std::string_view (*Compute)()>
inline constexpr auto name_storage = store_name<Compute>();

template <class T>
consteval std::string_view type_name_text() {
  return unqualified(argument_text(pretty_type<T>()));
}
// Unqualified name of a class or enum type.
template <class T>
inline constexpr std::string_view type_name = name_storage<&type_name_text<T>>.view();

template <class T>
inline constexpr std::size_t field_count = boost::pfr::tuple_size_v<T>;

// The fields of the fake object, tied once: indexing this std::tuple is much
// cheaper to compile than one boost::pfr::get per field. Only ever used inside
// consteval functions and decltype: a variable holding these addresses would be
// emitted, and the fake object has no definition to link against.
template <class T>
using fake_fields_type = decltype(boost::pfr::structure_tie(fake_object<T>));

template <class T, std::size_t I>
using field_type_at = std::remove_cvref_t<std::tuple_element_t<I, fake_fields_type<T>>>;

template <class T>
consteval std::array<const void*, field_count<T>> field_addresses() {
  const auto tied = boost::pfr::structure_tie(fake_object<T>);
  return std::apply([](const auto&... f) { return std::array<const void*, field_count<T>>{&f...}; }, tied);
}

// All field names of T from ONE function name: the array of field addresses as
// a template argument prints as
//   std::array<const void*, 2>{...{((const void*)(& fake_object<ns::User>.ns::User::id)), ...}}
// (one instantiation per model rather than one per field). The views point into
// __PRETTY_FUNCTION__, so they stay inside constant evaluation; the names are
// then copied into one buffer per model.
template <class T>
consteval std::array<std::string_view, field_count<T>> field_name_texts() {
  const std::string_view text = argument_text(pretty_value<field_addresses<T>()>());
  std::array<std::string_view, field_count<T>> out{};
  std::size_t at = 0;
  for (auto& name : out) {
    at = text.find("(& ", at);
    std::size_t end = at;  // the matching ')': template arguments may hold parentheses
    for (int depth = 0; end < text.size(); ++end) {
      if (text[end] == '(') ++depth;
      if (text[end] == ')' && --depth == 0) break;
    }
    name = unqualified(text.substr(at + 3, end - at - 3));
    at = end;
  }
  return out;
}

template <class T>
consteval std::size_t field_names_length() {
  std::size_t n = 0;
  for (auto name : field_name_texts<T>()) n += name.size();
  return n;
}

template <class T>
consteval fixed_name<field_names_length<T>()> field_names_buffer() {
  fixed_name<field_names_length<T>()> out{};
  std::size_t n = 0;
  for (auto name : field_name_texts<T>())
    for (char c : name) out.chars[n++] = c;
  return out;
}
template <class T>
inline constexpr auto field_names_storage = field_names_buffer<T>();

template <class T>
consteval std::array<std::string_view, field_count<T>> field_names_of() {
  std::array<std::string_view, field_count<T>> out{};
  std::size_t at = 0;
  const auto texts = field_name_texts<T>();
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i] = field_names_storage<T>.view().substr(at, texts[i].size());
    at += texts[i].size();
  }
  return out;
}
// Names of T's fields as declared, in order.
template <class T>
inline constexpr std::array<std::string_view, field_count<T>> field_names = field_names_of<T>();
// Name of the I-th field of T.
template <class T, std::size_t I>
inline constexpr std::string_view field_name = field_names<T>[I];

template <auto Member>
consteval std::string_view member_text() {
  return argument_text(pretty_value<Member>());
}
// "&Other::field" as written, for diagnostics about members of the wrong struct.
template <auto Member>
inline constexpr std::string_view member_spelling = name_storage<&member_text<Member>>.view();

template <class M>
struct member_pointer_traits;
template <class C, class F>
struct member_pointer_traits<F C::*> {
  using owner = C;
  using field = F;
};
// (remove_cv: GCC sometimes sees a template parameter's type as const.)
template <auto Member>
using owner_of = typename member_pointer_traits<std::remove_cv_t<decltype(Member)>>::owner;
template <auto Member>
using member_type_of = typename member_pointer_traits<std::remove_cv_t<decltype(Member)>>::field;

// Index of the field `Member` designates in T, found by comparing addresses
// within the fake object; field_count<T> when Member belongs to another struct.
template <class T, auto Member>
consteval std::size_t member_index() {
  if constexpr (!std::is_same_v<owner_of<Member>, T>) {
    return field_count<T>;
  } else {
    const void* target = &(fake_object<T>.*Member);
    constexpr auto addresses = field_addresses<T>();
    for (std::size_t i = 0; i < field_count<T>; ++i)
      if (addresses[i] == target) return i;
    return field_count<T>;
  }
}

// ---- enums ------------------------------------------------------------------

// Enumerators are found by trying every value in [0, enum_reflection_limit).
inline constexpr int enum_reflection_limit = 64;

template <class E, int V>
consteval std::string_view enumerator_text() {
  const auto text = argument_text(pretty_value<static_cast<E>(V)>());
  return text.starts_with('(') ? std::string_view{} : unqualified(text);  // "(ns::Role)5": no enumerator
}

template <class E>
struct enum_reflection {
  static constexpr std::size_t count = []<int... V>(std::integer_sequence<int, V...>) {
    return (std::size_t{0} + ... + (enumerator_text<E, V>().empty() ? 0 : 1));
  }(std::make_integer_sequence<int, enum_reflection_limit>{});

  template <int V>
  static consteval std::string_view name_of() { return name_storage<&enumerator_text<E, V>>.view(); }

  static constexpr auto entries = []<int... V>(std::integer_sequence<int, V...>) {
    std::array<std::pair<E, std::string_view>, count> out{};
    std::size_t n = 0;
    ((enumerator_text<E, V>().empty() ? void() : void(out[n++] = {static_cast<E>(V), name_of<V>()})), ...);
    return out;
  }(std::make_integer_sequence<int, enum_reflection_limit>{});

  static constexpr auto names = [] {
    std::array<std::string_view, count> out{};
    for (std::size_t i = 0; i < count; ++i) out[i] = entries[i].second;
    return out;
  }();

  static constexpr std::string_view name(E value) {
    for (const auto& [v, n] : entries)
      if (v == value) return n;
    return {};
  }
};

template <class E, bool = std::is_enum_v<E>>
inline constexpr bool is_scoped_enum = false;
template <class E>
inline constexpr bool is_scoped_enum<E, true> = !std::is_convertible_v<E, std::underlying_type_t<E>>;

}  // namespace db::detail
