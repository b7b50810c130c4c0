// The structs most compile-fail tests annotate (each test specialises
// db::model<Widget> its own way, then calls db::schema_of).
#pragma once

#include <dbpush/dbpush.hpp>

#include <cstdint>
#include <string>

struct Owner {
  std::int64_t id;
};

struct Widget {
  std::int64_t id;
  std::int64_t owner_id;
  std::string label;
  std::string title;
};
