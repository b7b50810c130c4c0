// db::field given something that is not a pointer to a data member.
#include "widget.hpp"

template <>
struct db::model<Widget> {
#ifdef DBPUSH_COMPILE_OK
  static constexpr auto fields = db::fields(db::field<&Widget::label>(db::unique));
#else
  static constexpr auto fields = db::fields(db::field<42>(db::unique));
#endif
};

db::schema widget_schema() { return db::schema_of<Widget, Owner>(db::dialect::sqlite); }
