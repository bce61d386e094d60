SELECT profile_id, day, orders, cancellations, net_revenue, product_views, events
FROM profile_daily FINAL
WHERE profile_id IN ?
