-- The booking application's own tables: the demo's stand-in for an existing travel shop.
-- They share the H2 database with the desk's hd_ tables; Flyway keeps its own history for each.
create table customer (
    id varchar(128) primary key,
    name varchar(200) not null,
    email varchar(254) not null
);

create table booking (
    reference varchar(32) primary key,
    customer_id varchar(128) not null references customer (id),
    kind varchar(16) not null check (kind in ('TRAIN', 'EVENT', 'HOTEL')),
    title varchar(200) not null,
    starts_on date not null,
    details varchar(1000) not null,
    price_cents integer not null
);

create index booking_customer_ix on booking (customer_id, starts_on);
