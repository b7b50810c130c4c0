// Two different C++ enums with one name in one schema.
#include <dbpush/dbpush.hpp>

#include <cstdint>

namespace shipping {
enum class Status { pending, shipped };
}
namespace billing {
enum class Status { unpaid, paid };
#ifdef DBPUSH_COMPILE_OK
enum class InvoiceStatus { unpaid, paid };
#endif
}  // namespace billing

struct Parcel {
  std::int64_t id;
  shipping::Status status;
};

struct Widget {
  std::int64_t id;
#ifdef DBPUSH_COMPILE_OK
  billing::InvoiceStatus status;
#else
  billing::Status status;
#endif
};

db::schema widget_schema() { return db::schema_of<Parcel, Widget>(db::dialect::sqlite); }
