// dbpush: from models to a runtime db::schema.
#pragma once

#include <dbpush/model/description.hpp>
#include <dbpush/model/validation.hpp>

#include <array>

namespace db {

// The description of model T, a constant expression. An invalid model fails to
// compile here with a "dbpush:" message naming the model, the field and the fix.
namespace detail {
template <class T>
consteval model_description checked_description() {
  static_assert(model_report<T>::reported);
  if constexpr (valid_model<T>) return describe<T>();
  else return model_description{};
}
}  // namespace detail

template <class T>
inline constexpr model_description description_of = detail::checked_description<T>();

// The normalised target schema of the given models in a dialect's spelling:
// tables in foreign-key dependency order (parents first), generated names filled.
template <class... Models>
schema schema_of(dialect d) {
  static_assert(sizeof...(Models) > 0, "dbpush: db::schema_of<Models...>() needs at least one model");
  static constexpr std::array<const model_description*, sizeof...(Models)> models{&description_of<Models>...};
  static_assert(detail::list_report<Models...>::reported);
  return build_schema(models, d);
}

}  // namespace db
