// Package catalogue classifies the products of the retail catalogue: which
// stock codes are fees and adjustments rather than goods, and which category
// a product belongs to by its description.
package catalogue

import "strings"

// feeStockCodes are the stock codes of the online-retail data set that book
// money without a product (matched after upper-casing), with the description
// the data set gives them:
//
//	POST          POSTAGE
//	DOT           DOTCOM POSTAGE
//	C2            CARRIAGE
//	D             Discount
//	M             Manual (a manual price correction; also written "m")
//	B             Adjust bad debt
//	S             SAMPLES
//	BANK CHARGES  Bank Charges
//	AMAZONFEE     AMAZON FEE
//	CRUK          CRUK Commission (a charity commission)
//	PADS          PADS TO MATCH ALL CUSHIONS (booked at £0.001 a line)
//
// Gift vouchers ("gift_0001_10" to "gift_0001_50", see giftVoucherPrefix)
// are fees too because they sell credit, not goods. The DCGS* codes are real
// products sold through a marketplace and are not fees, even where their
// description is "ebay" or blank.
var feeStockCodes = map[string]bool{
	"POST": true, "DOT": true, "C2": true, "D": true, "M": true, "B": true, "S": true,
	"BANK CHARGES": true, "AMAZONFEE": true, "CRUK": true, "PADS": true,
}

// giftVoucherPrefix starts the stock codes of gift vouchers, such as
// "gift_0001_20" for a £20.00 voucher.
const giftVoucherPrefix = "GIFT_"

// IsFeeStockCode reports whether a retail stock code is a fee, a discount, a
// manual adjustment or a voucher rather than a product. The comparison ignores
// case and surrounding spaces.
func IsFeeStockCode(code string) bool {
	normalized := strings.ToUpper(strings.TrimSpace(code))
	return feeStockCodes[normalized] || strings.HasPrefix(normalized, giftVoucherPrefix)
}
