SELECT profile_id, product_id, category, units, revenue, orders, views
FROM profile_products FINAL
WHERE profile_id IN ?
