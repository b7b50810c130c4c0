// The first error db::validate<T>() names, checked in full, for the tests of
// compile-time rejections (asked without failing the compilation).
#pragma once

#include <dbpush/dbpush.hpp>

#include <doctest/doctest.h>

#include <string_view>

namespace model_test {

template <class T>
void check_error(db::model_error error, std::string_view field, std::string_view detail = {}) {
  constexpr db::model_validation c = db::validate<T>();
  CHECK(c.error == error);
  CHECK(c.field == field);
  CHECK(c.detail == detail);
}

}  // namespace model_test
