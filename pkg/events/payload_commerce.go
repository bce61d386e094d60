package events

func (*Identify) avroName() string        { return identifyName }
func (*ProductViewed) avroName() string   { return productViewedName }
func (*CartUpdated) avroName() string     { return cartUpdatedName }
func (*OrderCompleted) avroName() string  { return orderCompletedName }
func (*OrderCancelled) avroName() string  { return orderCancelledName }
func (*ReviewSubmitted) avroName() string { return reviewSubmittedName }
func (*QuizCompleted) avroName() string   { return quizCompletedName }
func (*ContentViewed) avroName() string   { return contentViewedName }
func (*FeatureUsed) avroName() string     { return featureUsedName }
func (*ConsentUpdated) avroName() string  { return consentUpdatedName }
func (*Track) avroName() string           { return trackName }

func (p *Identify) toNative() (map[string]any, error) {
	return map[string]any{
		"email":                optionalString(p.Email),
		"phone":                optionalString(p.Phone),
		"first_name":           optionalString(p.FirstName),
		"birth_year":           optionalInt(p.BirthYear),
		"gender":               optionalString(p.Gender),
		"city":                 optionalString(p.City),
		"country":              optionalString(p.Country),
		"language":             optionalString(p.Language),
		"culture":              optionalString(p.Culture),
		"preferred_channel":    optionalString(p.PreferredChannel),
		"contact_frequency":    optionalString(p.ContactFrequency),
		"explicit_preferences": stringsNative(p.ExplicitPreferences),
	}, nil
}

func identifyFromNative(r *nativeReader, m map[string]any) *Identify {
	return &Identify{
		Email:               r.optionalString(m, "email"),
		Phone:               r.optionalString(m, "phone"),
		FirstName:           r.optionalString(m, "first_name"),
		BirthYear:           r.optionalInt(m, "birth_year"),
		Gender:              r.optionalString(m, "gender"),
		City:                r.optionalString(m, "city"),
		Country:             r.optionalString(m, "country"),
		Language:            r.optionalString(m, "language"),
		Culture:             r.optionalString(m, "culture"),
		PreferredChannel:    r.optionalString(m, "preferred_channel"),
		ContactFrequency:    r.optionalString(m, "contact_frequency"),
		ExplicitPreferences: r.strings(m, "explicit_preferences"),
	}
}

func (p *ProductViewed) toNative() (map[string]any, error) {
	price, err := optionalMoney(p.Price, "price")
	if err != nil {
		return nil, err
	}
	return map[string]any{
		"product_id": p.ProductID,
		"category":   optionalString(p.Category),
		"brand":      optionalString(p.Brand),
		"price":      price,
		"currency":   optionalString(p.Currency),
	}, nil
}

func productViewedFromNative(r *nativeReader, m map[string]any) *ProductViewed {
	return &ProductViewed{
		ProductID: r.str(m, "product_id"),
		Category:  r.optionalString(m, "category"),
		Brand:     r.optionalString(m, "brand"),
		Price:     r.optionalMoney(m, "price"),
		Currency:  r.optionalString(m, "currency"),
	}
}

func (p *CartUpdated) toNative() (map[string]any, error) {
	price, err := optionalMoney(p.Price, "price")
	if err != nil {
		return nil, err
	}
	return map[string]any{
		"action":     p.Action,
		"product_id": p.ProductID,
		"quantity":   p.Quantity,
		"price":      price,
		"currency":   optionalString(p.Currency),
	}, nil
}

func cartUpdatedFromNative(r *nativeReader, m map[string]any) *CartUpdated {
	return &CartUpdated{
		Action:    r.str(m, "action"),
		ProductID: r.str(m, "product_id"),
		Quantity:  r.int32(m, "quantity"),
		Price:     r.optionalMoney(m, "price"),
		Currency:  r.optionalString(m, "currency"),
	}
}

func (p *OrderCompleted) toNative() (map[string]any, error) {
	lines, err := orderLinesNative(p.Lines)
	if err != nil {
		return nil, err
	}
	return map[string]any{
		"order_id": p.OrderID,
		"currency": p.Currency,
		"guest":    p.Guest,
		"lines":    lines,
	}, nil
}

func orderCompletedFromNative(r *nativeReader, m map[string]any) *OrderCompleted {
	return &OrderCompleted{
		OrderID:  r.str(m, "order_id"),
		Currency: r.str(m, "currency"),
		Guest:    r.boolean(m, "guest"),
		Lines:    orderLinesFromNative(r, m),
	}
}

func (p *OrderCancelled) toNative() (map[string]any, error) {
	lines, err := orderLinesNative(p.Lines)
	if err != nil {
		return nil, err
	}
	return map[string]any{
		"order_id":          p.OrderID,
		"original_order_id": optionalString(p.OriginalOrderID),
		"currency":          p.Currency,
		"reason":            optionalString(p.Reason),
		"lines":             lines,
	}, nil
}

func orderCancelledFromNative(r *nativeReader, m map[string]any) *OrderCancelled {
	return &OrderCancelled{
		OrderID:         r.str(m, "order_id"),
		OriginalOrderID: r.optionalString(m, "original_order_id"),
		Currency:        r.str(m, "currency"),
		Reason:          r.optionalString(m, "reason"),
		Lines:           orderLinesFromNative(r, m),
	}
}
