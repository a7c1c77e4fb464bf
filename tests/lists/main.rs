//! Invitee lists as offices type them, read from the outside: workbooks and CSV files made by
//! the tests themselves (title rows and merged cells, section rows, totals and footers, forms of
//! address typed with the name, phone numbers stored as numbers, a combined "Chức vụ, đơn vị"
//! column, every encoding Excel writes), each read by the real binary into the exact list
//! expected; lists that must be refused, and the lists written back out.

#[path = "../support/mod.rs"]
mod support;

mod cells;
mod encodings;
mod fixtures;
mod limits;
mod order;
mod out;
mod table;
