package perfumes

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fragranticaSample has the real file's columns: a row with a quoted vote
// count with a thousands separator, a row with "base note is", and a row
// with an invalid vote count.
const fragranticaSample = `Url,Title,Brand,Gender,Accords,Short Description,long Description,Perfumer,Top notes,Middle notes,Rating,Out of ,Total no of votes
https://www.fragrantica.com/perfume/Lanvin/Arpege-Pour-Homme-14.html,Arpege Pour Homme Lanvin ,Lanvin,for men,"vanilla,powdery,iris,woody,fresh spicy","Arpege Pour Homme  by  Lanvin  is a Oriental Woody fragrance for men. Top notes are Pink Pepper, Bitter Orange, Mandarin Orange and Neroli; middle notes are iris, Nutmeg and Jasmine; base notes are Vanilla, Tonka Bean, Sandalwood and Patchouli. ",long text,Olivier Pescheux,"Pink Pepper,Bitter Orange,Mandarin Orange,Neroli","iris,Nutmeg,Jasmine",4.22,5,"12,374"
https://www.fragrantica.com/perfume/Guerlain/Aqua-Allegoria-Ylang-Vanille-1.html,Aqua Allegoria Ylang & Vanille Guerlain ,Guerlain,for women,floral,"Top notes are Ylang-Ylang and Carnation; middle note is Jasmine; base note is Vanilla. ",,,"Ylang-Ylang,Carnation",Jasmine,3.9,5,709
https://www.fragrantica.com/perfume/X/Broken-2.html,Broken X,X,for women,floral,,,,,,4.0,5,many
`

const sephoraSample = `product_id,source_url,avg_rating,review_count,Brand,Highlights,Fragrance Family,Scent Type,Key Notes,Ingredients
P439406,https://www.sephora.com/product/kayali-vanilla-P439406?skuId=2163970,4.11,500,KAYALI,"Unisex/ Genderless Scent, Warm & Spicy Scent",Warm & Spicy,Warm & Sweet Gourmands,"Vanilla Orchids, Tonka Absolute, Amber Woods","Alcohol, Fragrance"
X1,https://www.sephora.com/product/x-X1,4.0,1,X,,,,,
`

func writeFile(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "sample.csv")
	require.NoError(t, os.WriteFile(path, []byte(text), 0o600))
	return path
}

func TestReadFragrantica(t *testing.T) {
	var bad []int
	list, err := ReadFragrantica(writeFile(t, fragranticaSample), func(line int, err error) { bad = append(bad, line) })
	require.NoError(t, err)
	require.Len(t, list, 2)
	assert.Equal(t, []int{4}, bad)

	lanvin := list[0]
	assert.Equal(t, "fragrantica:Arpege-Pour-Homme-14", lanvin.ID)
	assert.Equal(t, "Arpege Pour Homme Lanvin", lanvin.Name)
	assert.Equal(t, "Lanvin", lanvin.Brand)
	assert.Equal(t, "fragrance", lanvin.Category)
	assert.Equal(t, []string{"vanilla", "powdery", "iris", "woody", "fresh spicy"}, lanvin.Accords)
	assert.Subset(t, lanvin.ScentNotes, []string{"pink pepper", "neroli", "jasmine", "vanilla", "tonka bean",
		"sandalwood", "patchouli", "orange"})
	require.NotNil(t, lanvin.RatingCount)
	assert.Equal(t, int32(12374), *lanvin.RatingCount)
	assert.True(t, decimal.RequireFromString("4.22").Equal(lanvin.Rating.Decimal))

	guerlain := list[1]
	assert.Contains(t, guerlain.ScentNotes, "vanilla", "base note from the description")
	assert.Contains(t, guerlain.ScentNotes, "ylang-ylang")
}

func TestBaseNotes(t *testing.T) {
	assert.Equal(t, []string{"Vetiver", "Cedar", "Patchouli", "Benzoin"},
		BaseNotes("Top notes are Orange; base notes are Vetiver, Cedar, Patchouli and Benzoin. This perfume won."))
	assert.Equal(t, []string{"Musk"}, BaseNotes("middle note is Lily; base note is Musk."))
	assert.Nil(t, BaseNotes("The nose behind this fragrance is Jean-Claude Ellena."))
}

func TestReadSephora(t *testing.T) {
	var bad []int
	list, err := ReadSephora(writeFile(t, sephoraSample), func(line int, err error) { bad = append(bad, line) })
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Equal(t, []int{3}, bad)

	kayali := list[0]
	assert.Equal(t, "P439406", kayali.ID)
	assert.Equal(t, "Kayali Vanilla", kayali.Name)
	assert.Equal(t, "KAYALI", kayali.Brand)
	assert.Equal(t, []string{"warm & spicy", "warm & sweet gourmands"}, kayali.Accords)
	assert.Equal(t, []string{"vanilla orchids", "tonka absolute", "amber woods", "vanilla", "orchid", "tonka bean", "amber"},
		kayali.ScentNotes)
	require.NotNil(t, kayali.RatingCount)
	assert.Equal(t, int32(500), *kayali.RatingCount)
}
