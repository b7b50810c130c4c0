# Compile-time errors of the model DSL: each must fail with its "dbpush:" message
# and name the model (and field) in the diagnostic; each twin must compile. The
# dbpush message must be the only error: a second error, or any Boost.PFR
# message, fails the test.
set(dbpush_compile_fail_dir ${CMAKE_CURRENT_LIST_DIR})
function(dbpush_model_compile_fail name regex)
  dbpush_compile_fail(NAME model_${name} SOURCE ${dbpush_compile_fail_dir}/${name}.cpp REGEX "${regex}")
  set_tests_properties(compile_fail.model_${name} PROPERTIES FAIL_REGULAR_EXPRESSION ": error: .*: error: |Boost\\.PFR|boost/pfr/")
endfunction()

dbpush_model_compile_fail(model_not_a_struct
  "invalid_model<Widget, [^\n]*\"Widget\"[^\n]*not_a_struct.*dbpush: a model must be a struct")
dbpush_model_compile_fail(model_not_an_aggregate
  "invalid_model<Widget, [^\n]*\"Widget\"[^\n]*not_an_aggregate.*dbpush: models must be aggregates: remove user-declared constructors")
dbpush_model_compile_fail(model_base_class
  "invalid_model<Widget, [^\n]*\"Widget\"[^\n]*has_base_class.*dbpush: models must be aggregates without base classes: move the base's fields into the struct")
dbpush_model_compile_fail(model_c_array
  "invalid_model<Widget, [^\n]*\"Widget\"[^\n]*c_array_member, [^\n]*\"field 2 \\(counting from 1\\)\".*dbpush: a field of the model is a C array")
dbpush_model_compile_fail(model_reference_member
  "invalid_model<Widget, [^\n]*\"Widget\"[^\n]*reference_member.*dbpush: a field of the model is a reference")
dbpush_model_compile_fail(model_unknown_member
  "invalid_model<Widget, [^\n]*\"Widget\"[^\n]*unknown_model_member, [^\n]*\"indexs\".*dbpush: db::model<T> declares a member dbpush does not read")
dbpush_model_compile_fail(model_member_misdeclared
  "invalid_model<Widget, [^\n]*\"Widget\"[^\n]*model_member_misdeclared, [^\n]*\"fields\".*dbpush: a member of db::model<T> has the wrong type")
dbpush_model_compile_fail(no_primary_key
  "invalid_model<Widget, [^\n]*\"Widget\"[^\n]*no_primary_key.*dbpush: the model has no primary key and no unique field")
dbpush_model_compile_fail(two_primary_keys
  "invalid_model<Widget, [^\n]*\"&Widget::b\"[^\n]*two_primary_keys.*dbpush: the model has two primary keys")
dbpush_model_compile_fail(autoincrement_not_integer
  "invalid_model<Widget, [^\n]*\"&Widget::code\"[^\n]*autoincrement_not_integer_key.*dbpush: db::autoincrement on a field that is not an integer primary key")
dbpush_model_compile_fail(autoincrement_with_default
  "invalid_model<Widget, [^\n]*\"&Widget::id\"[^\n]*autoincrement_with_default.*dbpush: an autoincrement key has a default")
dbpush_model_compile_fail(default_type_mismatch
  "invalid_model<Widget, [^\n]*\"&Widget::colour\"[^\n]*default_type_mismatch.*dbpush: the type of db::default_value\\(...\\) does not match the field")
dbpush_model_compile_fail(member_of_other_struct
  "invalid_model<Widget, [^\n]*\"&Gadget::serial\"[^\n]*member_of_other_struct, [^\n]*\"db::field\".*dbpush: an annotation names a member of another struct")
dbpush_model_compile_fail(ignored_field_used
  "invalid_model<Widget, [^\n]*\"&Widget::cache\"[^\n]*ignored_field_used, [^\n]*\"db::index_on\".*dbpush: a field marked db::ignore is also annotated, keyed, indexed or referenced")
dbpush_model_compile_fail(annotation_repeated
  "invalid_model<Widget, [^\n]*\"&Widget::created_at\"[^\n]*annotation_repeated, [^\n]*\"a default \\(db::default_value, db::default_now or db::default_sql\\)\".*dbpush: an annotation or option is given twice")
dbpush_model_compile_fail(field_repeated
  "invalid_model<Widget, [^\n]*\"&Widget::label\"[^\n]*field_repeated, [^\n]*\"db::index_on\".*dbpush: a field appears twice in one declaration")
dbpush_model_compile_fail(index_repeated
  "invalid_model<Widget, [^\n]*\"&Widget::label\"[^\n]*index_repeated, [^\n]*\"db::unique\".*dbpush: the same index is declared twice")
dbpush_model_compile_fail(empty_name
  "invalid_model<Widget, [^\n]*\"&Widget::label\"[^\n]*empty_name, [^\n]*\"db::column_name\".*dbpush: an empty name or SQL text")
dbpush_model_compile_fail(renamed_from_itself
  "invalid_model<Widget, [^\n]*\"&Widget::label\"[^\n]*renamed_from_itself, [^\n]*\"db::renamed_from\".*dbpush: renamed_from gives the current name")
dbpush_model_compile_fail(foreign_key_type_mismatch
  "invalid_model<Widget, [^\n]*\"&Widget::owner_id\"[^\n]*foreign_key_type_mismatch.*dbpush: the foreign key field's type differs from the referenced key's type")
dbpush_model_compile_fail(referenced_key_not_unique
  "invalid_model<Widget, [^\n]*\"&Widget::owner_handle\"[^\n]*referenced_key_not_unique.*dbpush: the foreign key references fields that are neither the referenced model's primary key nor unique")
dbpush_model_compile_fail(set_null_on_required
  "invalid_model<Widget, [^\n]*\"&Widget::owner_id\"[^\n]*set_null_on_required, [^\n]*\"db::on_delete::set_null\".*dbpush: a foreign key action sets NULL")
dbpush_model_compile_fail(set_default_without_default
  "invalid_model<Widget, [^\n]*\"&Widget::owner_id\"[^\n]*set_default_without_default, [^\n]*\"db::on_delete::set_default\".*dbpush: a foreign key action sets the default")
dbpush_model_compile_fail(nullable_primary_key
  "invalid_model<Widget, [^\n]*\"&Widget::code\"[^\n]*nullable_primary_key.*dbpush: a primary key field is std::optional")
dbpush_model_compile_fail(duplicate_column
  "invalid_model<Widget, [^\n]*\"&Widget::label\"[^\n]*duplicate_column.*dbpush: two fields map to the same column name")
dbpush_model_compile_fail(unsupported_type
  "invalid_model<Widget, [^\n]*\"&Widget::position\"[^\n]*unsupported_type, [^\n]*\"Point\".*dbpush: unsupported field type \\(named last\\): use bool, an integer type")
dbpush_model_compile_fail(referenced_model_missing
  "invalid_model_list<[^\n]*\"Widget\"[^\n]*\"&Widget::owner_id\"[^\n]*\"Owner\".*dbpush: a foreign key of the model named here references a model")
dbpush_model_compile_fail(duplicate_table
  "invalid_model_list<[^\n]*\"Widget\"[^\n]*\"Gadget\".*dbpush: two models map to the same table name")
dbpush_model_compile_fail(duplicate_enum_name
  "invalid_model_list<[^\n]*\"Widget\"[^\n]*\"&Widget::status\"[^\n]*\"Parcel\".*dbpush: two different C\\+\\+ enums with the same name")
dbpush_model_compile_fail(where_on_foreign_key
  "where_on_foreign_key.cpp:[0-9]+:[0-9]+:   in [^ ]*constexpr[^ ]* expansion of [^ ]*db::foreign_key_on<&Widget::owner_id, &Widget::owner_region.*dbpush: db::where\\(\"...\"\\) makes a partial index \\(db::index_on / db::unique_on\\); a foreign key has no predicate")
dbpush_model_compile_fail(where_on_field
  "db::field<&Widget::label.*dbpush: db::where\\(\"...\"\\) makes a partial index and belongs to db::index_on / db::unique_on, not to db::field")
dbpush_model_compile_fail(named_on_field
  "db::field<&Widget::label.*dbpush: db::named\\(\"...\"\\) names an index or a foreign key")
dbpush_model_compile_fail(action_outside_references
  "db::field<&Widget::owner_id.*dbpush: db::on_delete::X and db::on_update::X are actions of a foreign key and go inside db::references")
dbpush_model_compile_fail(field_annotation_unknown
  "db::field<&Widget::label.*dbpush: not a field annotation")
dbpush_model_compile_fail(field_annotation_on_index
  "db::index_on<&Widget::label.*dbpush: db::index_on / db::unique_on take db::named\\(\"...\"\\) and db::where\\(\"predicate\"\\) only")
dbpush_model_compile_fail(foreign_key_option
  "db::foreign_key_on<&Widget::owner_id.*dbpush: db::foreign_key_on<&T::a, ...>\\(...\\) takes db::references<&P::x, ...>\\(actions...\\) and db::named\\(\"...\"\\) only")
dbpush_model_compile_fail(foreign_key_without_references
  "db::foreign_key_on\\(Options ...\\) \\[with auto ...Members = {&Widget::owner_id}.*dbpush: db::foreign_key_on<&T::a, ...>\\(...\\) takes exactly one db::references")
dbpush_model_compile_fail(references_repeated_action
  "db::references\\(Actions ...\\) \\[with auto ...Keys = {&Owner::id}; Actions = {on_delete, on_delete}\\].*dbpush: db::references<...>\\(...\\) takes at most one db::on_delete and one db::on_update action")
dbpush_model_compile_fail(references_not_an_action
  "db::references\\(Actions ...\\) \\[with auto ...Keys = {&Owner::id}.*dbpush: db::references<...>\\(...\\) takes only actions")
dbpush_model_compile_fail(references_keys_of_two_models
  "Keys = {&Owner::id, &Region::id}.*dbpush: the keys of one db::references<...> are fields of one model")
dbpush_model_compile_fail(references_no_key
  "references_no_key.cpp:[0-9]+:[0-9]+:   required from here.*dbpush: db::references<&Other::key, ...>\\(...\\) names one or more key fields")
dbpush_model_compile_fail(declared_members
  "db::index_on\\(Options ...\\) \\[with auto ...Members = {}.*dbpush: db::index_on, db::unique_on, db::primary_key_on and db::foreign_key_on name one or more fields")
dbpush_model_compile_fail(field_not_a_member
  "db::field\\(Annotations ...\\) \\[with auto Member = 42.*dbpush: db::field<&T::member>\\(...\\) takes a pointer to a data member")
dbpush_model_compile_fail(fields_element
  "fields_element.cpp:[0-9]+:[0-9]+:   required from here.*dbpush: db::fields\\(...\\) takes db::field<&T::m>\\(annotations...\\) only")
dbpush_model_compile_fail(indexes_element
  "indexes_element.cpp:[0-9]+:[0-9]+:   required from here.*dbpush: db::indexes\\(...\\) takes db::index_on")
dbpush_model_compile_fail(foreign_keys_element
  "foreign_keys_element.cpp:[0-9]+:[0-9]+:   required from here.*dbpush: db::foreign_keys\\(...\\) takes db::foreign_key_on")
dbpush_model_compile_fail(varchar_length
  "db::varchar<0>.*dbpush: db::varchar<N> takes a length from 1 to 10485760")
dbpush_model_compile_fail(decimal_precision
  "db::decimal<0, 0>.*dbpush: db::decimal<P, S> takes a precision P from 1 to 1000")
dbpush_model_compile_fail(default_value_type
  "expansion of [^ ]*db::default_value<Colour>.*dbpush: db::default_value takes a bool, a number, a string literal or an enumerator")
