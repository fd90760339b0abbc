# ruff: noqa: E501
"""Vocabulary: 食品饮料 / Food & Drinks (format: see vocab_format)."""

TEXT = """
TOP food-drinks | 食品饮料 | Food & Drinks | FOO
series 山野 | Wild Harvest | 寻访原产地的风味 | sourcing flavour from its place of origin
series 每日 | Daily | 适合每天享用的健康份量 | in healthy portions for every day
series 老字号 | Heritage | 延续传统工艺与配方 | keeping traditional recipes and craft alive
series 轻食 | Light Bites | 少糖少油，吃得轻松 | with less sugar and oil for lighter eating
video 工艺揭秘：从产地到餐桌 | Behind the Process: From Farm to Table | {name}的原料来自合作产区，采收后48小时内完成初加工。视频跟随采购团队走进产地，看看原料如何被挑选、清洗和分装。 | The raw ingredients of the {name} come from partner growing regions and are processed within 48 hours of harvest. The video follows our buyers to the source to see how they are sorted, cleaned and packed.
video 工艺揭秘：一道道品控关卡 | Behind the Process: Quality Checkpoints | 每批{name}都要经过感官评定、理化检测和微生物检测，留样一直保存到保质期后6个月。视频介绍了品控实验室的日常。 | Every batch of the {name} passes sensory evaluation, physical and chemical tests and microbial testing, with samples kept until six months after the best-before date. The video shows a day in the quality lab.
case 用户故事：加班夜的小确幸 | Customer Story: A Little Treat on Late Nights | 上海的设计师阿琳在抽屉里常备{name}：“加班到十点，来一份也没有负罪感。” | Alin, a designer in Shanghai, keeps the {name} in her desk drawer: working until ten, she can enjoy some without guilt.
case 用户故事：家里的老味道 | Customer Story: The Taste of Home | 在北京读研的小何把{name}寄给了四川的外婆，外婆说：“这个味道，和我年轻时候的一样。” | Xiao He, a postgraduate in Beijing, sent the {name} to his grandmother in Sichuan. She said it tastes just like it did when she was young.

SUB snacks | 坚果零食 | Nuts & Snacks
shape packet
price 39 | 129
weight 500
axes flavor spec
opt flavor | ORG | 原味 | Original | 1 | 1
opt flavor | SALT | 海盐 | Sea Salt | 1 | 1
opt flavor | HONEY | 蜂蜜 | Honey | 1.05 | 1
opt flavor | SPICY | 麻辣 | Mala Spicy | 1 | 1
opt flavor | MATCHA | 抹茶 | Matcha | 1.05 | 1
opt spec | 250G | 250克 | 250 g | 0.6 | 0.5
opt spec | 500G | 500克 | 500 g | 1.0 | 1.0
opt spec | 1KG | 1千克 | 1 kg | 1.8 | 2.0
attr shelf_life | 6个月=6 months | 9个月=9 months | 12个月=12 months
attr storage | 阴凉干燥处=Cool, dry place | 开封后冷藏=Refrigerate after opening
noun 每日坚果 | Daily Nut Mix | nuts | 每天一小包约25克，当作早餐搭配或下午加餐 | One 25 g pack a day makes a good breakfast side or afternoon snack
noun 夏威夷果 | Macadamias | nuts | 将开果器插入开口处轻轻一拧，果壳就能打开 | Slot the opener into the crack and give it a gentle twist to open the shell
noun 碧根果 | Pecans | nuts | 两颗对握轻轻一捏即可剥开，果仁完整 | Squeeze two together and the shells crack, leaving the kernels whole
noun 巴旦木 | Almonds | nuts | 薄壳带开口，手剥即可，适合办公室零食 | Thin, pre-cracked shells open by hand, perfect for the office
noun 腰果 | Cashews | nuts | 可以直接吃，也可以加入沙拉或炒菜 | Eat them as they are or toss them into salads and stir-fries
feat 低温烘焙 | Slow-Roasted | roasted | 低温慢烤 | Slow roasted | 采用低温慢烤工艺，保留坚果本身的香气 | is slow-roasted at low temperature to keep the nuts' natural aroma
feat 无添加 | No-Additive | no-additive | 零添加 | No additives | 配料表只有坚果和少量调味，不添加防腐剂 | lists only nuts and a little seasoning, with no preservatives
feat 独立小包 | Snack-Pack | snack-pack | 每日一包 | One pack a day | 每包25克独立充氮包装，开一包吃一包 | comes in 25 g nitrogen-flushed packs, one a day
feat 云南 | Yunnan-Grown | yunnan | 云南产区 | Grown in Yunnan | 原料来自云南临沧产区，颗粒饱满 | comes from Lincang in Yunnan, with full, plump kernels
feat 手剥 | Easy-Peel | easy-peel | 开口易剥 | Easy to crack | 经过开口处理，徒手就能轻松剥开 | is pre-cracked so you can open it by hand
feat 新货 | New-Harvest | new-harvest | 当季新货 | This season's crop | 选用当季新货，现炒现发 | uses this season's harvest, roasted to order
feat 大颗 | Jumbo | jumbo | 大颗饱满 | Jumbo size | 精选大颗果仁，个头均匀 | is sorted for large, even kernels
point 充氮锁鲜包装，开封后请尽快食用 | Nitrogen-flushed for freshness; enjoy soon after opening
point 每批次都通过黄曲霉毒素检测 | Every batch is tested for aflatoxins
point 附赠开果器和果壳袋 | Comes with a nut opener and a shell bag
guide 挑坚果先看生产日期，越新越香；包装最好是充氮或独立小包，开封后密封放在阴凉处。每天一小把（约25克）就够了，调味款盐分较高，控盐的朋友优先选原味或低温烘焙款。 | Check the production date first; fresher nuts taste better. Nitrogen-flushed or single-serve packs keep best, and opened bags should be sealed and kept somewhere cool. A small handful (about 25 g) a day is plenty; flavoured nuts carry more salt, so choose original or slow-roasted if you watch your intake.

SUB tea | 茗茶 | Tea
shape jar
price 59 | 459
weight 300
axes flavor spec
opt flavor | LIGHT | 清香型 | Light Aroma | 1 | 1
opt flavor | RICH | 浓香型 | Rich Aroma | 1.05 | 1
opt flavor | AGED | 陈香型 | Aged Aroma | 1.15 | 1
opt spec | 50G | 50克 | 50 g | 0.45 | 0.4
opt spec | 100G | 100克 | 100 g | 0.8 | 0.7
opt spec | 250G | 250克 | 250 g | 1.8 | 1.5
attr shelf_life | 18个月=18 months | 24个月=24 months | 36个月=36 months
attr storage | 阴凉干燥处=Cool, dry place | 密封冷藏=Sealed and refrigerated
noun 绿茶 | Green Tea | green-tea | 用80至85℃的水冲泡，玻璃杯里能看到茶叶舒展 | Brew at 80-85°C; in a glass you can watch the leaves unfurl
noun 红茶 | Black Tea | black-tea | 用90℃左右的水冲泡，第一泡约20秒出汤 | Brew at about 90°C and pour off the first infusion after about 20 seconds
noun 乌龙茶 | Oolong Tea | oolong | 用沸水冲泡，可以连续冲泡七八次 | Brew with boiling water; the leaves give seven or eight infusions
noun 白茶 | White Tea | white-tea | 可以冲泡也可以煮饮，老白茶煮着喝更甜 | Steep it or simmer it; aged white tea turns sweeter when simmered
noun 茉莉花茶 | Jasmine Tea | jasmine-tea | 用85℃的水冲泡，盖碗盖上闷一会儿香气更足 | Brew at 85°C and cover the cup for a moment to hold in the fragrance
feat 明前 | Early-Spring | early-spring | 头春早采 | First spring pick | 采自早春头批嫩芽，鲜爽度高 | is picked from the first tender buds of early spring for a fresh, lively taste
feat 高山 | High-Mountain | high-mountain | 高山茶园 | High-mountain garden | 产自海拔1000米以上的高山茶园，云雾滋养 | grows above 1,000 m in misty mountain gardens
feat 古树 | Old-Tree | old-tree | 古树原料 | Old-tree leaf | 原料采自树龄百年以上的古茶树 | comes from tea trees more than a century old
feat 有机 | Organic | organic | 有机认证 | Certified organic | 茶园通过有机认证，不施化肥农药 | comes from a certified organic garden without synthetic fertiliser or pesticides
feat 手工 | Hand-Crafted | handmade | 手工制作 | Handmade | 由制茶师傅手工制作，火候讲究 | is hand-processed by a tea master who watches every stage of the firing
feat 原叶三角包 | Pyramid-Bag | tea-bag | 原叶袋泡 | Whole-leaf pyramid bags | 原叶装入立体三角包，办公室冲泡更方便 | comes as whole leaves in pyramid bags for easy brewing at the office
feat 礼盒 | Gift-Box | gift | 送礼佳选 | Gift box | 采用礼盒包装，内附冲泡卡，适合送给长辈 | comes in a gift box with a brewing card, ideal for elders
point 每批次通过农残检测，检测报告可查 | Every batch is tested for pesticide residues; reports are available
point 铝箔内袋加铁罐双重密封，防潮避光 | A foil pouch inside a tin keeps out damp and light
point 开罐后建议在3个月内饮用完毕 | Best enjoyed within three months of opening
guide 不同茶类冲泡水温不同：绿茶80至85℃，红茶90℃左右，乌龙和普洱用沸水。茶叶怕潮、怕光、怕异味，开封后密封放在阴凉处，绿茶最好冷藏。投茶量约为每150毫升水3克茶叶。 | Each tea needs its own water temperature: 80-85°C for green, about 90°C for black, and boiling for oolong and pu'er. Tea dislikes damp, light and strong smells, so seal it and keep it cool after opening; green tea is best refrigerated. Use about 3 g of leaf per 150 ml of water.

SUB coffee-drinks | 咖啡冲饮 | Coffee
shape packet
price 49 | 179
weight 400
axes flavor spec
opt flavor | LIGHT | 浅烘 | Light Roast | 1 | 1
opt flavor | MEDIUM | 中烘 | Medium Roast | 1 | 1
opt flavor | DARK | 深烘 | Dark Roast | 1 | 1
opt spec | TRIAL | 小份装 | Trial size | 0.55 | 0.5
opt spec | STD | 标准装 | Standard | 1.0 | 1.0
opt spec | FAMILY | 家庭装 | Family size | 1.8 | 2.0
attr shelf_life | 12个月=12 months | 18个月=18 months
attr storage | 阴凉干燥处=Cool, dry place | 开封后密封冷藏=Seal and refrigerate after opening
noun 咖啡豆 | Coffee Beans | coffee | 每次现磨现冲，手冲用中细研磨，法压用粗研磨 | Grind just before brewing: medium-fine for pour-over, coarse for a French press
noun 挂耳咖啡 | Drip Bag Coffee | coffee | 撕开挂在杯口，分三次注入约200毫升热水 | Tear it open, hang it on your cup and pour about 200 ml of hot water in three stages
noun 冻干咖啡 | Freeze-Dried Coffee | coffee | 一颗加入200毫升冷水或牛奶，三秒即溶 | Drop one into 200 ml of cold water or milk and it dissolves in three seconds
noun 冷萃咖啡液 | Cold Brew Concentrate | coffee | 一份咖啡液兑三份冰水或牛奶，搅匀即可饮用 | Mix one part concentrate with three parts iced water or milk
noun 咖啡粉 | Ground Coffee | coffee | 已经研磨好，适合滴滤咖啡机和摩卡壶 | Pre-ground for drip machines and moka pots
feat 云南保山 | Yunnan | yunnan-coffee | 云南小粒 | Yunnan arabica | 选用云南保山小粒咖啡，带坚果与焦糖风味 | uses Yunnan Baoshan arabica with nutty, caramel notes
feat 耶加雪菲 | Ethiopian | ethiopia | 花果香 | Floral and fruity | 选用埃塞俄比亚耶加雪菲产区咖啡豆，花香明亮 | uses Yirgacheffe beans from Ethiopia with bright floral notes
feat 哥伦比亚 | Colombian | colombia | 均衡醇厚 | Balanced and smooth | 选用哥伦比亚慧兰产区咖啡豆，醇厚均衡 | uses Huila beans from Colombia for a smooth, balanced cup
feat 精品级 | Specialty | specialty | SCA 80+ | SCA 80+ | 选用杯测分数80分以上的精品级咖啡豆 | uses specialty beans scoring over 80 points on the SCA scale
feat 新鲜烘焙 | Fresh-Roasted | fresh-roast | 下单现烘 | Roasted to order | 下单后48小时内完成烘焙并发货 | is roasted and shipped within 48 hours of your order
feat 无糖 | Sugar-Free | sugar-free | 0糖0脂 | No sugar, no fat | 不添加糖和植脂末，0糖0脂 | has no added sugar or creamer
feat 低因 | Decaf | decaf | 低因 | Decaf | 经瑞士水处理法脱因，晚上喝也不影响睡眠 | is decaffeinated by the Swiss Water process, so an evening cup will not keep you up
point 单向排气阀包装，锁住咖啡香气 | A one-way valve bag locks in the aroma
point 包装标注烘焙日期，赏味期一目了然 | The roast date is printed so you know when it is at its best
point 附赠冲煮参数建议卡 | Includes a card of brewing suggestions
guide 挑咖啡先定烘焙度：浅烘酸质明亮、花果香突出，适合手冲；中烘平衡；深烘苦甜浓郁，适合加奶。咖啡豆最佳赏味期在烘焙后7至30天，整豆现磨风味最好，没有磨豆机可以选挂耳。 | Start with the roast: light roasts are bright and fruity, great for pour-over; medium roasts are balanced; dark roasts are bittersweet and rich, ideal with milk. Beans taste best 7 to 30 days after roasting; whole beans ground fresh are ideal, and drip bags suit anyone without a grinder.

SUB pantry | 粮油调味 | Pantry Staples
shape jar
price 29 | 139
weight 1500
axes spec
opt spec | S | 小包装 | Small pack | 0.6 | 0.5
opt spec | STD | 标准装 | Standard | 1.0 | 1.0
opt spec | FAMILY | 家庭装 | Family size | 1.7 | 2.0
opt spec | BULK | 量贩装 | Bulk | 2.8 | 3.6
attr shelf_life | 12个月=12 months | 18个月=18 months | 24个月=24 months
attr storage | 阴凉干燥处=Cool, dry place | 开封后冷藏=Refrigerate after opening
noun 大米 | Rice | rice | 淘洗一到两遍即可，米水比例约1比1.2 | Rinse once or twice and cook at about 1:1.2 rice to water
noun 小米 | Millet | grains | 熬粥时先浸泡半小时，小火慢熬出米油 | Soak for half an hour, then simmer slowly for a silky porridge
noun 杂粮 | Mixed Grains | grains | 与大米按1比2混合煮饭，口感更丰富 | Cook one part with two parts rice for a heartier bowl
noun 酱油 | Soy Sauce | soy-sauce | 凉拌、蘸食直接使用，炒菜出锅前沿锅边淋入 | Use it straight for dressings and dips, or drizzle round the wok just before serving
noun 蜂蜜 | Honey | honey | 用40℃以下的温水冲调，也可以直接抹面包 | Stir into water below 40°C or spread straight on toast
feat 有机 | Organic | organic | 有机认证 | Certified organic | 通过有机产品认证，从种植到加工全程可追溯 | is certified organic and traceable from field to factory
feat 东北 | Northeast | northeast | 黑土地 | Black-soil grown | 产自东北黑土地，一年一季，营养积累充足 | comes from the black soils of the northeast with a single long growing season
feat 零添加 | Zero-Additive | no-additive | 配料干净 | Clean label | 不添加防腐剂、色素和香精 | contains no preservatives, colourings or flavourings
feat 古法 | Traditional | traditional | 古法工艺 | Traditional method | 沿用古法工艺，慢工细作 | follows a slow, traditional method
feat 当季 | New-Crop | new-harvest | 当季新粮 | New crop | 选用当季新收原料，香味更足 | uses this season's crop for a fuller aroma
feat 高山 | Highland | high-mountain | 高海拔产区 | Highland grown | 产自高海拔产区，昼夜温差大，风味更浓 | grows at altitude, where big day-night temperature swings build flavour
feat 小袋分装 | Single-Serve | snack-pack | 一餐一袋 | One bag per meal | 采用小袋分装，一餐一袋不易受潮 | is packed in small bags, one per meal, so it stays fresh
point 真空或充氮包装，防潮防虫 | Vacuum or nitrogen packing keeps out damp and insects
point 扫码即可查看产地与检测报告 | Scan the code to see the origin and test reports
point 开封后请密封保存于阴凉干燥处 | Once opened, seal and keep somewhere cool and dry
guide 粮油调味看三点：产地、生产日期和配料表。大米选当季新米，一次不要买太多，夏天冷藏防虫；酱油看氨基酸态氮含量，越高等级越好；蜂蜜选成熟蜜，配料表只有“蜂蜜”两个字。 | Check three things: origin, production date and ingredients. Buy rice from the new crop in modest amounts and refrigerate it in summer to keep bugs out; judge soy sauce by amino-acid nitrogen, where higher means a better grade; and choose mature honey whose ingredient list says only "honey".
"""
