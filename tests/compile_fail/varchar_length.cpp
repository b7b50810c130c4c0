// A varchar of length 0 (PostgreSQL refuses it when the column is created).
#include "widget.hpp"

template <>
struct db::model<Widget> {
#ifdef DBPUSH_COMPILE_OK
  static constexpr auto fields = db::fields(db::field<&Widget::label>(db::varchar<40>));
#else
  static constexpr auto fields = db::fields(db::field<&Widget::label>(db::varchar<0>));
#endif
};

db::schema widget_schema() { return db::schema_of<Widget, Owner>(db::dialect::sqlite); }
