-- Emporium seed catalog: the shop's starter categories and products, applied once on first start.

INSERT INTO categories (slug, name, description) VALUES
  ('kitchen',     'Kitchen',         'Cookware, bakeware, knives and coffee gear for everyday cooking and entertaining.'),
  ('outdoor',     'Outdoor',         'Camping, hiking and backpacking gear built for trails, campsites and the backyard.'),
  ('electronics', 'Electronics',     'Headphones, speakers, displays, chargers and smart gadgets for home and work.'),
  ('home',        'Home & Living',   'Bedding, lighting, textiles and decor that make every room comfortable.'),
  ('books',       'Books',           'Cookbooks, guidebooks, fiction, children''s books and practical how-to titles.'),
  ('apparel',     'Apparel',         'Everyday clothing, outerwear, footwear and accessories for work, travel and weekends.'),
  ('toys',        'Toys & Games',    'Building sets, puzzles, board games and plush toys for kids and families.');

INSERT INTO products (sku, name, description, category_id, price_amount, image_url)
SELECT v.sku, v.name, v.description, c.id, v.price_amount,
       '/api/products/v1/images/' || lower(v.sku) || '.svg'
FROM (VALUES
  -- Kitchen
  ('KIT-001', 'Cast Iron Skillet 10-inch', 'A pre-seasoned cast iron skillet that holds heat evenly for searing steaks, frying eggs and baking cornbread. Safe on the stovetop, in the oven and over a campfire, it only gets better with use.', 'kitchen', 3499),
  ('KIT-002', 'Stovetop Espresso Maker', 'Brew rich, concentrated espresso coffee on gas, electric or camping stoves. This six-cup aluminum moka pot has a heat-resistant handle and a safety valve, and it comes apart easily for rinsing.', 'kitchen', 2999),
  ('KIT-003', 'Burr Coffee Grinder', 'Conical steel burrs grind coffee beans uniformly, with 18 settings from coarse French press to fine drip. A quiet motor and removable hopper make the morning coffee routine quick and tidy.', 'kitchen', 8999),
  ('KIT-004', 'Chef''s Knife 8-inch', 'Forged from high-carbon stainless steel with a full tang and a balanced pakkawood handle. The 8-inch blade slices, dices and minces vegetables, herbs and meat with precision.', 'kitchen', 5999),
  ('KIT-005', 'Enameled Dutch Oven 5.5-Quart', 'A heavy enameled cast iron pot for braising, stews, soups and crusty no-knead bread. The tight-fitting lid locks in moisture, and the glossy enamel interior resists stains and needs no seasoning.', 'kitchen', 7999),
  ('KIT-006', 'Bamboo Cutting Board Set', 'Three sustainable bamboo cutting boards in small, medium and large sizes. Juice grooves catch liquids from roasts and fruit, and the dense grain is gentle on knife edges.', 'kitchen', 2499),
  ('KIT-007', 'Stainless Steel Mixing Bowls', 'A set of five nesting stainless steel mixing bowls with non-slip silicone bases and snap-on lids. Ideal for whisking batter, tossing salads, marinating meat and storing leftovers in the fridge.', 'kitchen', 3299),
  ('KIT-008', 'Gooseneck Pour-Over Kettle', 'A gooseneck kettle with a slim spout for precise, steady pouring over coffee grounds or loose tea leaves. Brushed stainless steel works on gas, electric and induction stovetops, and a built-in thermometer shows water temperature.', 'kitchen', 4499),
  ('KIT-009', 'Silicone Baking Mat Pair', 'Two reusable non-stick silicone baking mats that replace parchment paper. Bake cookies, roast vegetables or roll out pastry dough; the mats are oven safe to 480 degrees and clean up in the dishwasher.', 'kitchen', 1499),

  -- Outdoor
  ('OUT-001', 'Ultralight Two-Person Tent', 'A freestanding backpacking tent that weighs just 2 pounds 14 ounces. The waterproof rainfly and bathtub floor keep you dry in storms, while two doors and two vestibules give each camper room for gear.', 'outdoor', 24900),
  ('OUT-002', 'Rechargeable LED Camping Lantern', 'A bright, dimmable LED lantern and hanging lamp for tents, picnic tables and power outages. It runs up to 40 hours per charge, hangs from a folding hook and doubles as a USB power bank for your phone.', 'outdoor', 3499),
  ('OUT-003', 'Down Sleeping Bag 20-Degree', 'A mummy-shaped sleeping bag filled with water-resistant 650-fill duck down and rated to 20 degrees. It compresses into a small stuff sack for backpacking, and a draft collar keeps warmth in on cold nights.', 'outdoor', 18900),
  ('OUT-004', 'Insulated Stainless Steel Water Bottle', 'A double-wall vacuum insulated bottle that keeps water cold for 24 hours or coffee hot for 12. The leakproof lid, powder-coated grip and 32-ounce capacity suit hiking, camping and the daily commute.', 'outdoor', 2999),
  ('OUT-005', 'Collapsible Trekking Poles', 'A pair of lightweight aluminum trekking poles with cork grips, flick locks and carbide tips. They fold down to 15 inches for packing and reduce knee strain on steep hiking descents.', 'outdoor', 6999),
  ('OUT-006', 'Portable Camp Stove', 'A compact single-burner camp stove that boils a liter of water in under four minutes. It runs on standard isobutane canisters and has a push-button igniter, perfect for backpacking meals or morning coffee at the campsite.', 'outdoor', 5499),
  ('OUT-007', 'Folding Camp Chair', 'A sturdy steel-frame camp chair with breathable polyester mesh, a cup holder and a side pocket. It folds flat into a carry bag and supports up to 300 pounds at festivals, beaches and campsites.', 'outdoor', 4999),
  ('OUT-008', 'Rechargeable Headlamp 400 Lumen', 'A lightweight headlamp with 400 lumens, a red night-vision mode and a tilting beam. The USB-C battery lasts through overnight hikes, and the waterproof housing handles heavy rain.', 'outdoor', 2499),
  ('OUT-009', 'Double Camping Hammock', 'A parachute nylon hammock that holds two adults and packs into its own attached pouch. Tree-friendly straps and steel carabiners make setup take under a minute at the campsite or in the backyard.', 'outdoor', 3999),

  -- Electronics
  ('ELE-001', 'Noise-Cancelling Wireless Headphones', 'Over-ear Bluetooth headphones with adaptive active noise cancellation, 30-hour battery life and plush memory-foam ear cushions. Multipoint pairing switches between laptop and phone, and fast charging adds five hours of playback in ten minutes.', 'electronics', 19999),
  ('ELE-002', 'Precision Digital Coffee Scale', 'A kitchen scale with 0.1-gram accuracy and a built-in timer for dialing in pour-over brews and espresso shots. The rechargeable battery, water-resistant surface and bright LED display make it a barista favorite.', 'electronics', 3999),
  ('ELE-003', '4K Ultra HD Home Theater Projector', 'A home theater projector with native 4K resolution, HDR support and 2,500 lumens of brightness for a 150-inch picture. Built-in speakers, Wi-Fi streaming apps and low input lag suit movie nights and gaming.', 'electronics', 89999),
  ('ELE-004', 'Portable Bluetooth Speaker', 'A rugged, waterproof Bluetooth speaker with 360-degree sound, deep bass and 20 hours of playtime. It floats in the pool, survives drops and pairs with a second speaker for stereo sound at the beach or campsite.', 'electronics', 7999),
  ('ELE-005', 'Tenkeyless Mechanical Keyboard', 'A compact mechanical keyboard with hot-swappable tactile switches, PBT keycaps and per-key RGB backlighting. It connects by USB-C cable, Bluetooth or a 2.4 GHz wireless dongle for work and gaming.', 'electronics', 12999),
  ('ELE-006', '27-inch 4K USB-C Monitor', 'A 27-inch IPS monitor with 4K resolution, accurate sRGB color and USB-C power delivery for a single-cable laptop setup. The height-adjustable stand tilts, swivels and pivots to portrait mode.', 'electronics', 34999),
  ('ELE-007', 'Fast Wireless Charging Pad', 'A slim 15-watt Qi wireless charger for phones and earbuds. Its non-slip surface, foreign-object detection and soft LED indicator make it ideal for a nightstand, office desk or kitchen counter.', 'electronics', 2999),
  ('ELE-008', 'Smart LED Desk Lamp', 'An adjustable desk lamp with dimmable LED light, five color temperatures and a USB charging port. Touch controls and voice assistant support make late-night reading and studying easy on the eyes.', 'electronics', 5999),
  ('ELE-009', 'GPS Fitness Tracker Watch', 'A water-resistant fitness tracker that counts steps, monitors heart rate and sleep, and records runs and hikes with built-in GPS. The bright AMOLED screen shows notifications, and one charge lasts up to ten days.', 'electronics', 9999),

  -- Home & Living
  ('HOM-001', 'Merino Wool Throw Blanket', 'A soft, breathable throw blanket knitted from pure merino wool in a chunky cable pattern. Drape it over the sofa or the foot of the bed for extra warmth on chilly evenings.', 'home', 8999),
  ('HOM-002', 'Ceramic Table Lamp', 'A hand-glazed ceramic table lamp with a linen drum shade and a warm, diffused glow. The three-way switch suits bedside reading, living room accents and cozy entryways.', 'home', 6499),
  ('HOM-003', 'Porcelain Demitasse Cup Set', 'Four small porcelain cups with matching saucers, sized for espresso, cortado and Turkish coffee. Thick walls keep each shot warm, and the set is dishwasher and microwave safe.', 'home', 2799),
  ('HOM-004', 'Linen Duvet Cover Queen', 'A stonewashed French linen duvet cover that feels softer with every wash. Breathable and temperature-regulating, it has hidden button closures and corner ties to keep the comforter in place.', 'home', 12900),
  ('HOM-005', 'Scented Soy Candle Trio', 'Three hand-poured soy wax candles in amber glass jars with cedarwood, lavender and fig scents. Cotton wicks burn cleanly for about 45 hours each, filling the home with a gentle fragrance.', 'home', 3299),
  ('HOM-006', 'Woven Cotton Area Rug 5x8', 'A flatweave area rug handwoven from soft cotton in a neutral diamond pattern. Reversible and machine washable, it brings warmth and texture to living rooms, bedrooms and hallways.', 'home', 19900),
  ('HOM-007', 'Velvet Pillow Cover Pair', 'Two velvet pillow covers with hidden zippers, sized for 18-inch inserts. The plush, fade-resistant fabric adds a pop of color to sofas, armchairs and beds.', 'home', 2999),
  ('HOM-008', 'Bamboo Bath Towel Set', 'Six absorbent towels woven from bamboo viscose and cotton, including bath towels, hand towels and washcloths. They are silky soft, quick drying and naturally resistant to odors.', 'home', 5499),
  ('HOM-009', 'Round Wall Mirror 24-inch', 'A round wall mirror with a thin brushed brass frame and shatter-resistant glass. Hang it in an entryway, bathroom or above a console table to brighten the room and reflect natural light.', 'home', 11900),

  -- Books
  ('BOO-001', 'The Home Barista''s Handbook', 'A practical guide to brewing great coffee at home, from choosing beans and grinders to pulling espresso shots and steaming milk for lattes. Includes troubleshooting charts and 40 cafe-style recipes.', 'books', 2499),
  ('BOO-002', 'Weeknight Cast Iron Cooking', 'Over 100 quick one-pan recipes for skillets and Dutch ovens, with practical tips on seasoning, cleaning and caring for cast iron cookware so it lasts for generations.', 'books', 2199),
  ('BOO-003', 'Trails of the Pacific Northwest', 'A hiking guidebook covering 75 day hikes and backpacking routes through old-growth forests, alpine lakes and coastal bluffs. Each trail includes maps, elevation profiles and camping notes.', 'books', 2799),
  ('BOO-004', 'The Quiet Orbit', 'A literary science fiction novel about a lighthouse keeper on a distant moon who receives a signal from Earth. A moving story of solitude, memory and hope, now in paperback.', 'books', 1699),
  ('BOO-005', 'Beginner''s Guide to Knitting', 'Step-by-step photo tutorials teach casting on, knit and purl stitches, and finishing. Fifteen starter projects include a wool scarf, a hat and a cozy blanket for beginners of any age.', 'books', 1999),
  ('BOO-006', 'Illustrated Atlas of Birds', 'A large-format hardcover atlas featuring more than 600 bird species with detailed watercolor illustrations, range maps and field notes on songs, nests and migration.', 'books', 3499),
  ('BOO-007', 'Mindful Money: A Practical Guide to Personal Finance', 'A friendly personal finance book on budgeting, saving, paying off debt and investing for retirement. Clear worksheets help readers build lasting money habits without guilt or jargon.', 'books', 1899),
  ('BOO-008', 'Bedtime Stories for Little Explorers', 'A hardcover collection of twelve illustrated bedtime stories about curious animals exploring forests, oceans and the night sky. Perfect for reading aloud to children ages three to seven.', 'books', 1499),
  ('BOO-009', 'Modern Houses: An Architecture Photo Book', 'A coffee table book showcasing 50 modern houses around the world in large-format photography. Floor plans and architect interviews reveal how light, concrete, wood and glass shape everyday living.', 'books', 4999),

  -- Apparel
  ('APP-001', 'Merino Wool Crew Sweater', 'A lightweight crewneck sweater knitted from fine merino wool that regulates temperature and resists odors. Layer it over a shirt for the office or under a jacket on cool autumn hikes.', 'apparel', 8900),
  ('APP-002', 'Packable Waterproof Rain Jacket', 'A waterproof and breathable rain jacket with taped seams, an adjustable hood and pit zips for ventilation. It stuffs into its own pocket for travel, hiking and rainy city commutes.', 'apparel', 12900),
  ('APP-003', 'Organic Cotton T-Shirt', 'A classic crewneck tee made from soft, heavyweight organic cotton. Pre-shrunk with a relaxed fit and reinforced seams, it holds its shape and color wash after wash.', 'apparel', 2499),
  ('APP-004', 'Slim-Fit Stretch Denim Jeans', 'Five-pocket jeans in a slim fit cut from stretch denim with a touch of elastane for all-day comfort. Durable rivets, a zip fly and a dark indigo wash go with everything.', 'apparel', 6999),
  ('APP-005', 'Merino Wool Hiking Socks 3-Pack', 'Cushioned merino wool socks with arch support and a seamless toe for long days on the trail. They wick moisture, prevent blisters and stay fresh on multi-day backpacking trips.', 'apparel', 2999),
  ('APP-006', 'Leather Chelsea Boots', 'Ankle boots crafted from full-grain leather with elastic side panels and a pull tab for easy on and off. A stacked heel and resoleable rubber outsole make them a long-lasting wardrobe staple.', 'apparel', 15900),
  ('APP-007', 'Quilted Down Vest', 'A lightweight quilted vest insulated with responsibly sourced down for warmth without bulk. The water-repellent shell, zippered hand pockets and packable design suit layering on cold mornings.', 'apparel', 9900),
  ('APP-008', 'Linen Button-Down Shirt', 'A breathable long-sleeve shirt made from washed European linen with a relaxed fit and mother-of-pearl buttons. Perfect for warm summer days, beach weddings and vacation travel.', 'apparel', 5499),
  ('APP-009', 'Ribbed Knit Beanie', 'A ribbed knit beanie in a soft wool and acrylic blend with a fold-over cuff. It keeps ears warm on winter walks, ski trips and chilly early-morning coffee runs.', 'apparel', 1999),

  -- Toys & Games
  ('TOY-001', 'Wooden Building Blocks 100-Piece Set', 'One hundred smooth hardwood blocks in classic shapes and non-toxic painted colors. Toddlers and preschoolers build towers, bridges and castles while developing fine motor skills and creativity.', 'toys', 3999),
  ('TOY-002', 'Mountain Lake 1000-Piece Jigsaw Puzzle', 'A 1000-piece jigsaw puzzle featuring a misty mountain lake at sunrise. Thick recycled cardboard pieces fit snugly, and the finished puzzle measures 27 by 20 inches for framing.', 'toys', 1999),
  ('TOY-003', 'Island Traders Strategy Board Game', 'A family strategy board game for two to five players who trade goods, build harbors and race to settle a remote island. Games last about an hour and reward planning and negotiation.', 'toys', 4499),
  ('TOY-004', 'Remote Control Off-Road Truck', 'A 1:16 scale remote control truck with four-wheel drive, oil-filled shocks and a rechargeable battery. It reaches speeds of 20 mph across grass, gravel and dirt trails.', 'toys', 5999),
  ('TOY-005', 'Plush Teddy Bear 16-inch', 'An extra-soft plush teddy bear with embroidered eyes and a satin bow, safe for babies and toddlers. Surface washable and made to be hugged through bedtime stories and many adventures.', 'toys', 2499),
  ('TOY-006', 'Wooden Play Kitchen', 'A child-sized wooden play kitchen with a toy stove, oven, sink and a pretend espresso machine that clicks and gurgles. Includes pots, utensils and storage shelves for imaginative cooking play.', 'toys', 12999),
  ('TOY-007', 'Wild Tacos Party Card Game', 'A fast, silly card game for three to eight players. Slap matching cards, shout the right words and race to empty your hand in rounds that last five minutes. Great for parties and family game night.', 'toys', 999),
  ('TOY-008', 'Magnetic Tile Building Kit', 'Sixty translucent magnetic tiles in squares and triangles that snap together into 3D shapes, towers and vehicles. A STEM toy that teaches geometry and spatial reasoning to kids ages three and up.', 'toys', 6999),
  ('TOY-009', 'Bouncy Rubber Balls Set of 6', 'Six colorful high-bounce rubber balls for backyard games, party favors and stocking stuffers. Each ball is 45 millimeters across and made from durable, non-toxic natural rubber.', 'toys', 499)
) AS v(sku, name, description, category_slug, price_amount)
JOIN categories c ON c.slug = v.category_slug;
