package catalogue

import (
	"strings"
	"unicode"
)

// Categories that Categorize returns. CategoryFee is for fee stock codes (see
// IsFeeStockCode) and CategoryFragrance for perfumes; Categorize returns
// neither.
const (
	CategoryCandles       = "candles"
	CategoryHomeFragrance = "home fragrance"
	CategoryBathAndBody   = "bath and body"
	CategoryChristmas     = "christmas"
	CategoryLighting      = "lighting"
	CategoryJewellery     = "jewellery"
	CategoryBags          = "bags"
	CategoryStationery    = "stationery"
	CategoryKitchen       = "kitchen"
	CategoryGarden        = "garden"
	CategoryToys          = "toys"
	CategoryDecoration    = "decoration"
	CategoryOther         = "other"
	CategoryFee           = "fee"
	CategoryFragrance     = "fragrance"
)

// categoryRule assigns category to a description that contains any phrase of
// include and none of exclude. Phrases are whole words after normalizeText.
type categoryRule struct {
	category string
	include  []string
	exclude  []string
}

// categoryRules is the keyword table of Categorize, tried in order, so the
// first rule that matches wins. Scented goods come first, so that a scented
// Christmas candle counts as a candle and a candle holder does not.
var categoryRules = []categoryRule{
	{CategoryCandles,
		[]string{"candle", "candles", "t light", "t lights", "tealight", "tealights", "tea lights", "votive", "wax"},
		[]string{"holder", "holders", "hldr", "led", "candle stick", "candlestick", "candlestand", "stand", "lantern", "lanterns", "tin holder"}},
	{CategoryHomeFragrance,
		[]string{"incense", "oil burner", "fragrance", "fragrance oils", "potpourri", "diffuser", "sachet",
			"sachets", "scented", "scent", "reed"}, nil},
	{CategoryBathAndBody,
		[]string{"soap", "soaps", "bath salts", "bubble bath", "bath bomb", "lip gloss", "hand cream", "lotion",
			"shower", "sponge", "nail", "manicure", "cosmetic", "cosmetics"},
		[]string{"bag", "dish", "cosmetic bag", "cosmetics bag"}},
	{CategoryChristmas,
		[]string{"christmas", "xmas", "advent", "santa", "reindeer", "snowflake", "snowman", "bauble",
			"baubles", "nativity"}, nil},
	{CategoryLighting,
		[]string{"light", "lights", "t light holder", "lamp", "lampshade", "lantern", "lanterns", "candlestick",
			"candlestand", "candle stick", "candle holder", "hldr", "chandelier", "nightlight", "led", "holder"},
		[]string{"photo", "toilet", "key", "card holder", "passport", "tissue", "pen", "toothbrush", "cake"}},
	{CategoryJewellery,
		[]string{"necklace", "necklas", "bracelet", "earrings", "ring", "brooch", "pendant", "charm", "bangle",
			"hair slides", "hair grip", "hair clip", "jewellery", "beads", "bead"},
		[]string{"card", "box", "jewellery box", "stand", "key ring", "napkin ring"}},
	{CategoryBags,
		[]string{"bag", "bags", "purse", "washbag", "shopper", "tote", "backpack", "rucksack", "handbag",
			"wallet"}, []string{"lunch bag"}},
	{CategoryStationery,
		[]string{"card", "cards", "notebook", "notebooks", "pencil", "pencils", "pen", "pens", "wrap", "paper",
			"tape", "sticker", "stickers", "envelope", "envelopes", "diary", "journal", "calendar", "ribbon",
			"ribbons", "gift tag", "gift tags", "book", "notepad", "memo", "eraser", "ruler", "stamp"},
		[]string{"paper napkins", "paper plates", "paper cups", "doily", "cake"}},
	{CategoryKitchen,
		[]string{"mug", "mugs", "cup", "cups", "teacup", "saucer", "plate", "plates", "bowl", "bowls", "cake",
			"cakes", "baking", "recipe", "cutlery", "spoon", "spoons", "jar", "jars", "lunch box", "lunch bag",
			"teapot", "kettle", "oven glove", "apron", "tea towel", "tea towels", "napkins", "coasters",
			"coaster", "placemats", "placemat", "jug", "scales", "kitchen", "doily", "doilies",
			"chopping board", "cakestand", "bread bin", "beaker", "tumbler", "glass", "straws", "egg",
			"biscuit", "cook", "cooking", "dish", "tray", "tin", "tins", "bottle"},
		[]string{"hot water bottle"}},
	{CategoryGarden,
		[]string{"garden", "planter", "planters", "watering can", "seed", "seeds", "herb", "bird", "birdhouse",
			"feeder", "secateurs", "trowel", "gnome", "parasol", "plant", "flower pot", "flowerpot"}, nil},
	{CategoryToys,
		[]string{"toy", "toys", "game", "games", "jigsaw", "puzzle", "doll", "dolls", "playhouse",
			"skipping rope", "spaceboy", "ball", "teddy", "childrens", "children s", "kids", "dominoes",
			"crayons", "colouring", "party bag", "soldier", "knitting"}, nil},
	{CategoryDecoration,
		[]string{"decoration", "decorations", "sign", "frame", "mirror", "clock", "ornament", "vase", "cushion",
			"doormat", "doorstop", "hanging", "heart", "hearts", "garland", "bunting", "wreath", "wall art",
			"plaque", "flower", "flowers", "hook", "hooks", "cushion cover", "cabinet", "drawer", "box",
			"boxes", "basket", "storage", "hanger", "hot water bottle", "blanket", "throw"}, nil},
}

// Categorize returns the category of a retail product from its description,
// by the first rule of categoryRules whose keywords it contains, or
// CategoryOther. It ignores case and punctuation ("T-LIGHTS" is "t lights").
func Categorize(description string) string {
	text := " " + normalizeText(description) + " "
	for _, rule := range categoryRules {
		if containsAny(text, rule.include) && !containsAny(text, rule.exclude) {
			return rule.category
		}
	}
	return CategoryOther
}

// Category returns CategoryFee for a fee stock code (see IsFeeStockCode) and
// Categorize(description) for every other code.
func Category(stockCode, description string) string {
	if IsFeeStockCode(stockCode) {
		return CategoryFee
	}
	return Categorize(description)
}

// IsScented reports whether a category is one of scented goods, whose names
// name their scent: in other categories a word like "rose" names a pattern.
func IsScented(category string) bool {
	return category == CategoryCandles || category == CategoryHomeFragrance ||
		category == CategoryBathAndBody || category == CategoryFragrance
}

func containsAny(paddedText string, phrases []string) bool {
	for _, phrase := range phrases {
		if strings.Contains(paddedText, " "+phrase+" ") {
			return true
		}
	}
	return false
}

// normalizeText lower-cases text and joins its words of letters and digits
// with single spaces.
func normalizeText(text string) string {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	return strings.Join(words, " ")
}
