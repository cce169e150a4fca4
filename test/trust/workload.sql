-- An SQL workload for the LD_PRELOAD run, on an in-memory database: tables, bulk inserts through
-- recursive CTEs, indexes, joins, aggregates, updates and deletes. Deterministic output.
CREATE TABLE customer(id INTEGER PRIMARY KEY, name TEXT, city TEXT);
CREATE TABLE orders(id INTEGER PRIMARY KEY, customer INTEGER, amount REAL, note TEXT);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
  INSERT INTO customer SELECT i, 'customer-' || i, 'city-' || (i % 97) FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 150000)
  INSERT INTO orders SELECT i, (i * 7919) % 20000 + 1, (i % 1000) / 10.0, printf('%.*c', i % 50, 'z') FROM n;
CREATE INDEX orders_customer ON orders(customer);
CREATE INDEX customer_city ON customer(city, name);
SELECT count(*), sum(amount), max(length(note)) FROM orders;
SELECT c.city, count(*), round(sum(o.amount), 1) FROM orders o JOIN customer c ON c.id = o.customer
  GROUP BY c.city ORDER BY 3 DESC, 1 LIMIT 5;
SELECT c.name, count(o.id) AS n FROM customer c LEFT JOIN orders o ON o.customer = c.id
  WHERE c.city = 'city-42' GROUP BY c.id ORDER BY n DESC, c.name LIMIT 5;
UPDATE orders SET note = note || note WHERE id % 3 = 0;
DELETE FROM orders WHERE amount > 90;
SELECT count(*), sum(length(note)) FROM orders;
CREATE TABLE summary AS SELECT customer, group_concat(id) AS ids FROM orders GROUP BY customer;
SELECT count(*), max(length(ids)) FROM summary;
SELECT customer, substr(ids, 1, 40) FROM summary ORDER BY length(ids) DESC, customer LIMIT 3;
DROP INDEX orders_customer;
VACUUM;
SELECT count(*) FROM orders o1 JOIN orders o2 ON o1.customer = o2.customer AND o1.id < o2.id WHERE o1.customer < 200;
