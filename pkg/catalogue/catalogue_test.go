package catalogue

import "testing"

func TestIsFeeStockCode(t *testing.T) {
	tests := []struct {
		code string
		want bool
	}{
		{"POST", true},
		{"DOT", true},
		{"C2", true},
		{"D", true},
		{"M", true},
		{"m", true},
		{"B", true},
		{"S", true},
		{"BANK CHARGES", true},
		{"AMAZONFEE", true},
		{"CRUK", true},
		{"PADS", true},
		{"gift_0001_20", true},
		{" POST ", true},
		{"85123A", false},
		{"85123a", false},
		{"DCGS0003", false},
		{"DCGSSBOY", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := IsFeeStockCode(tt.code); got != tt.want {
			t.Errorf("IsFeeStockCode(%q) = %v, want %v", tt.code, got, tt.want)
		}
	}
}

func TestCategorize(t *testing.T) {
	tests := []struct {
		description string
		want        string
	}{
		{"SET/3 VANILLA SCENTED CANDLE IN BOX", CategoryCandles},
		{"SET/9 CHRISTMAS T-LIGHTS SCENTED ", CategoryCandles},
		{"SET 12 LAVENDER  BOTANICAL T-LIGHTS", CategoryCandles},
		{"WHITE HANGING HEART T-LIGHT HOLDER", CategoryLighting},
		{"ZINC WILLIE WINKIE  CANDLE STICK", CategoryLighting},
		{"PACK OF SIX LED TEA LIGHTS", CategoryLighting},
		{"LAVENDER INCENSE IN TIN", CategoryHomeFragrance},
		{"HEAVENS SCENT FRAGRANCE OILS ASSTD", CategoryHomeFragrance},
		{"PORCELAIN BUTTERFLY OIL BURNER", CategoryHomeFragrance},
		{"FAIRY SOAP SOAP HOLDER", CategoryBathAndBody},
		{"COSMETIC BAG VINTAGE ROSE PAISLEY", CategoryBags},
		{"CHRISTMAS DECORATION SNOWFLAKE", CategoryChristmas},
		{"5 STRAND GLASS NECKLACE CRYSTAL", CategoryJewellery},
		{"JUMBO BAG RED RETROSPOT", CategoryBags},
		{"RING OF ROSES BIRTHDAY CARD", CategoryStationery},
		{"RETRO COFFEE MUGS ASSORTED", CategoryKitchen},
		{"ENAMEL WATERING CAN CREAM", CategoryGarden},
		{"MINI JIGSAW SPACEBOY", CategoryToys},
		{"DOORMAT ENGLISH ROSE ", CategoryDecoration},
		{"INFLATABLE POLITICAL GLOBE ", CategoryOther},
		{"", CategoryOther},
	}
	for _, tt := range tests {
		if got := Categorize(tt.description); got != tt.want {
			t.Errorf("Categorize(%q) = %q, want %q", tt.description, got, tt.want)
		}
	}
}

func TestCategoryOfFeeCode(t *testing.T) {
	if got := Category("POST", "POSTAGE"); got != CategoryFee {
		t.Errorf("Category(POST) = %q, want %q", got, CategoryFee)
	}
	if got := Category("84029G", "KNITTED UNION FLAG HOT WATER BOTTLE"); got != CategoryDecoration {
		t.Errorf("Category(84029G) = %q, want %q", got, CategoryDecoration)
	}
}

func TestIsScented(t *testing.T) {
	for _, category := range []string{CategoryCandles, CategoryHomeFragrance, CategoryBathAndBody, CategoryFragrance} {
		if !IsScented(category) {
			t.Errorf("IsScented(%q) = false, want true", category)
		}
	}
	for _, category := range []string{CategoryDecoration, CategoryLighting, CategoryOther, CategoryFee} {
		if IsScented(category) {
			t.Errorf("IsScented(%q) = true, want false", category)
		}
	}
}
