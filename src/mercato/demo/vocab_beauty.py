# ruff: noqa: E501
"""Vocabulary: 美妆护肤 / Beauty & Skincare (format: see vocab_format)."""

TEXT = """
TOP beauty-skincare | 美妆护肤 | Beauty & Skincare | BEA
series 水光 | Aqua Glow | 主打轻盈水润的日常护理 | built around light, dewy everyday care
series 安肤 | Calm Skin | 为敏感肌精简配方 | with short formulas for sensitive skin
series 清透 | Clear Balance | 专为油痘肌调校的清爽质地 | with fresh textures tuned for oily, blemish-prone skin
series 焕颜 | Renew | 聚焦提亮与抗初老 | focused on brightening and the first signs of ageing
video 工艺揭秘：洁净车间里的72小时 | Behind the Process: 72 Hours in the Clean Room | 在十万级洁净车间里，{name}的原料要经过称量、低温乳化和均质三道核心工序，每一批次都留样检测微生物与稳定性，通过后才进入灌装线。视频带你看完这72小时。 | In a class-100,000 clean room, the ingredients of the {name} are weighed, emulsified at low temperature and homogenised. Every batch keeps a retained sample for microbial and stability testing before it reaches the filling line. The video follows those 72 hours.
video 工艺揭秘：从实验室到肌肤 | Behind the Process: From Lab to Skin | {name}的配方经过200余次小样调整，并在第三方机构完成人体斑贴测试与28天功效测试。视频记录了配方师如何在肤感与功效之间取舍。 | The formula of the {name} went through more than 200 lab samples, followed by third-party patch testing and a 28-day efficacy study. The video shows how the chemists balanced texture against performance.
case 用户故事：换季干痒的救星 | Customer Story: Through the Dry Season | 来自北京的程女士每到秋冬脸颊就会起皮。连续使用{name}四周后，她说“上妆终于不卡粉了”，现在它已经是梳妆台上的固定成员。 | Ms Cheng from Beijing used to get flaky cheeks every autumn. After four weeks with the {name}, she says her foundation finally goes on smoothly, and it now has a permanent spot on her dressing table.
case 用户故事：熬夜后的简单一步 | Customer Story: One Simple Step After Late Nights | 在深圳做开发的小林常常加班到深夜。他把{name}放在工位抽屉里：“简单一步，第二天同事不再问我是不是没睡好。” | Lin, a developer in Shenzhen, often codes past midnight. He keeps the {name} in his desk drawer: one simple step, and colleagues no longer ask whether he slept at all.

SUB face-cleansers | 洁面卸妆 | Cleansers & Makeup Removers
shape tube
price 49 | 139
weight 140
axes capacity
opt capacity | 100ML | 100ml | 100 ml | 0.75 | 0.75
opt capacity | 150ML | 150ml | 150 ml | 1.0 | 1.0
opt capacity | 200ML | 200ml | 200 ml | 1.3 | 1.35
opt capacity | 300ML | 300ml | 300 ml | 1.7 | 1.9
opt capacity | 500ML | 500ml | 500 ml | 2.4 | 3.0
attr skin_type | 干性肌肤=Dry | 油性肌肤=Oily | 混合性肌肤=Combination | 敏感肌肤=Sensitive | 所有肤质=All skin types
attr efficacy | 温和清洁=Gentle cleansing | 控油净肤=Oil control | 卸妆=Makeup removal | 舒缓修护=Soothing
noun 洁面乳 | Facial Cleanser | cleanser | 取黄豆大小加水揉出泡沫，在脸上打圈按摩30秒后冲净 | Work a pea-sized amount into a lather, massage for 30 seconds and rinse
noun 洁面泡沫 | Foaming Cleanser | cleanser | 按压一泵即出绵密泡沫，早晚洁面均可使用 | One pump gives a dense foam that is gentle enough for morning and evening
noun 卸妆油 | Cleansing Oil | makeup-remover | 干手干脸取2至3泵打圈溶解彩妆，加少量水乳化后冲净 | With dry hands on a dry face, massage in two or three pumps, emulsify with a little water and rinse
noun 卸妆水 | Micellar Water | makeup-remover | 用化妆棉浸湿后轻敷眼唇10秒再轻轻擦拭，无需用力揉搓 | Soak a cotton pad, hold it on eyes and lips for ten seconds, then wipe gently without rubbing
noun 卸妆膏 | Cleansing Balm | makeup-remover | 挖取适量在干燥肌肤上融化成油状，再乳化冲净 | Scoop a little, let it melt into an oil on dry skin, then emulsify and rinse
feat 氨基酸 | Amino Acid | amino-acid | 温和清洁 | Gentle cleansing | 采用氨基酸表活体系，洗后干净却不紧绷 | uses an amino-acid surfactant system that leaves skin clean but never tight
feat 积雪草 | Centella | centella | 舒缓泛红 | Calms redness | 添加积雪草提取物，清洁的同时舒缓泛红 | adds centella asiatica extract to soothe redness while it cleans
feat 米糠 | Rice Bran | rice | 细腻提亮 | Smooth and bright | 含米糠精华，洗后肤感细腻透亮 | contains rice bran essence that leaves skin smooth and bright
feat 绿茶 | Green Tea | green-tea | 清爽控油 | Fresh oil control | 融入绿茶提取物，帮助平衡油脂分泌 | blends in green tea extract to help balance oil
feat 神经酰胺 | Ceramide | ceramide | 洗后护屏障 | Barrier-friendly | 添加神经酰胺，清洁时不破坏皮脂膜 | adds ceramides so cleansing never strips the skin barrier
feat 茶树 | Tea Tree | tea-tree | 净痘控油 | Clarifying | 含澳洲茶树精油，帮助减少闭口与痘痘 | contains Australian tea tree oil to help clear clogged pores and spots
feat 玻尿酸 | Hyaluronic | hyaluronic | 洗后水润 | Stays moist | 添加玻尿酸，冲洗后依然水润不干 | adds hyaluronic acid so skin still feels moist after rinsing
point 不含皂基与酒精，pH值接近肌肤的弱酸性 | Soap-free and alcohol-free, with a pH close to skin's natural mild acidity
point 通过第三方人体斑贴测试，敏感肌也可放心使用 | Passed third-party patch testing, so sensitive skin can use it with confidence
point 包装可回收，瓶身标注开封后使用期限 | Recyclable packaging with the period-after-opening printed on the pack
guide 先看肤质：干敏肌选氨基酸或乳霜质地，油皮可选含绿茶、茶树的清爽型。化了全妆要先用卸妆油或卸妆膏，再用洁面做二次清洁；只涂防晒的日子，一支温和洁面就够了。 | Start with your skin type: dry or sensitive skin suits amino-acid or creamy cleansers, while oily skin can go for green tea or tea tree formulas. After full makeup, use a cleansing oil or balm first and then a cleanser as a second step; on sunscreen-only days, one gentle cleanser is enough.

SUB toners-serums | 水乳精华 | Toners & Serums
shape bottle
price 89 | 329
weight 120
axes capacity
opt capacity | 30ML | 30ml | 30 ml | 0.6 | 0.55
opt capacity | 50ML | 50ml | 50 ml | 1.0 | 1.0
opt capacity | 100ML | 100ml | 100 ml | 1.75 | 1.7
opt capacity | 150ML | 150ml | 150 ml | 2.3 | 2.4
attr skin_type | 干性肌肤=Dry | 油性肌肤=Oily | 混合性肌肤=Combination | 敏感肌肤=Sensitive | 所有肤质=All skin types
attr efficacy | 补水保湿=Hydrating | 提亮肤色=Brightening | 紧致抗初老=Firming | 舒缓修护=Soothing
noun 精华液 | Serum | serum | 洁面后取2至3滴于掌心，轻压全脸至吸收 | After cleansing, warm two or three drops in your palms and press them over the face
noun 爽肤水 | Toner | toner | 洁面后用化妆棉或掌心轻拍全脸，为后续护肤打底 | After cleansing, pat it on with a cotton pad or your palms to prep for the next steps
noun 精华水 | Essence | essence | 取一元硬币大小于掌心，分区按压，干燥处可叠加一次 | Press a coin-sized amount over the face section by section, layering again on dry areas
noun 乳液 | Lotion | lotion | 在水和精华之后使用，薄涂全脸锁住水分 | Apply a thin layer after toner and serum to lock in moisture
noun 肌底液 | Booster | booster | 洁面后第一步使用，帮助后续精华更好吸收 | Use it as the first step after cleansing to help the serums that follow absorb better
feat 玻尿酸 | Hyaluronic | hyaluronic | 层层补水 | Layered hydration | 添加三重分子量玻尿酸，由表及里层层补水 | draws on three weights of hyaluronic acid to hydrate from the surface down
feat 烟酰胺 | Niacinamide | niacinamide | 提亮匀肤 | Brighter, more even tone | 含5%烟酰胺，改善暗沉、均匀肤色 | contains 5% niacinamide to lift dullness and even out skin tone
feat 神经酰胺 | Ceramide | ceramide | 修护屏障 | Barrier repair | 以神经酰胺复配胆固醇，帮助修护受损屏障 | pairs ceramides with cholesterol to help rebuild a damaged skin barrier
feat 维C | Vitamin C | vitamin-c | 透亮焕采 | Radiance boost | 采用稳定型维C衍生物，温和提亮不刺激 | uses a stable vitamin C derivative for gentle brightening without sting
feat A醇 | Retinol | retinol | 淡纹抗初老 | Smooths fine lines | 含0.1%微囊包裹A醇，循序渐进改善细纹 | uses 0.1% encapsulated retinol to soften fine lines step by step
feat 积雪草 | Centella | centella | 舒缓泛红 | Calms redness | 添加积雪草苷精粹，舒缓换季泛红 | adds centella asiatica extract to calm seasonal redness
feat 二裂酵母 | Bifida Ferment | ferment | 强韧肌底 | Stronger skin | 添加二裂酵母发酵产物溶胞物，强韧肌肤底子 | contains bifida ferment lysate to strengthen the skin from within
point 配方不含酒精、香精和色素 | Free of alcohol, fragrance and colourants
point 经第三方机构28天人体功效测试 | Backed by a 28-day third-party clinical efficacy study
point 避光瓶身设计，减少活性成分氧化 | The light-blocking bottle helps keep active ingredients from oxidising
guide 水乳精华按“先水后油、由稀到稠”的顺序使用。功效成分不必贪多：补水选玻尿酸，暗沉选烟酰胺或维C，初老选A醇；A醇只在夜间使用，白天一定要做好防晒。 | Apply toners, serums and lotions from thinnest to thickest. You do not need every active at once: hyaluronic acid for hydration, niacinamide or vitamin C for dullness, and retinol for early lines. Keep retinol for the evening and always wear sunscreen the next day.

SUB face-creams | 面霜眼霜 | Creams & Eye Care
shape jar
price 129 | 459
weight 160
axes capacity
opt capacity | 15G | 15g | 15 g | 0.5 | 0.5
opt capacity | 30G | 30g | 30 g | 0.8 | 0.75
opt capacity | 50G | 50g | 50 g | 1.0 | 1.0
opt capacity | 80G | 80g | 80 g | 1.45 | 1.4
attr skin_type | 干性肌肤=Dry | 油性肌肤=Oily | 混合性肌肤=Combination | 敏感肌肤=Sensitive | 所有肤质=All skin types
attr efficacy | 保湿锁水=Moisture lock | 紧致抗初老=Firming | 舒缓修护=Soothing | 淡化细纹=Line smoothing
noun 面霜 | Face Cream | cream | 取珍珠大小分点于额头、两颊和下巴，再轻轻推开 | Dot a pearl-sized amount on forehead, cheeks and chin, then smooth it out
noun 眼霜 | Eye Cream | eye-cream | 用无名指取米粒大小，沿眼周由内向外轻点按摩 | Use your ring finger to tap a rice-grain amount around the eye, working outwards
noun 晚安霜 | Night Cream | cream | 作为夜间护肤最后一步厚涂，次日清晨洗去 | Apply a generous layer as the last step at night and rinse off in the morning
noun 凝霜 | Gel Cream | cream | 质地清爽，夏季或油皮可替代乳液单独使用 | The light texture can replace lotion on its own for summer or oily skin
noun 修护霜 | Repair Balm | cream | 局部干燥、起皮处可随时补涂 | Reapply on dry, flaky patches whenever needed
feat 玻尿酸 | Hyaluronic | hyaluronic | 长效保湿 | Long-lasting moisture | 以玻尿酸搭配甘油，锁水时长可达24小时 | pairs hyaluronic acid with glycerin to hold moisture for up to 24 hours
feat 神经酰胺 | Ceramide | ceramide | 修护屏障 | Barrier repair | 添加三重神经酰胺，修护干燥受损的屏障 | adds three ceramides to repair a dry, damaged barrier
feat 胜肽 | Peptide | peptide | 紧致弹润 | Firming | 含多重胜肽复合物，改善松弛、提升弹性 | uses a multi-peptide complex to firm skin and restore bounce
feat 角鲨烷 | Squalane | squalane | 滋润不油腻 | Rich, never greasy | 添加植物角鲨烷，模拟皮脂膜，滋润不黏腻 | adds plant squalane that mimics skin's own oils and nourishes without stickiness
feat A醇 | Retinol | retinol | 夜间淡纹 | Overnight line care | 含缓释A醇，夜间修护、淡化细纹 | contains slow-release retinol for overnight renewal and softer lines
feat 积雪草 | Centella | centella | 舒缓维稳 | Calming | 添加积雪草，舒缓换季不稳定的肌肤 | adds centella to calm skin that turns unsettled between seasons
feat 烟酰胺 | Niacinamide | niacinamide | 亮肤匀净 | Brightening | 添加烟酰胺，保湿同时改善暗沉 | adds niacinamide to brighten while it moisturises
point 真空按压瓶设计，减少手指接触带来的污染 | An airless pump keeps fingers out of the product
point 经皮肤科医生测试，低致敏配方 | Dermatologist-tested, low-allergen formula
point 融肤快，叠加底妆不搓泥 | Melts in quickly and does not pill under foundation
guide 面霜的核心任务是锁水和修护：干皮选含角鲨烷或神经酰胺的丰润型，油皮选凝霜质地。眼周皮肤只有面部的三分之一厚，建议使用专门的眼霜，每次米粒大小就够了。 | A cream's main job is to seal in moisture and repair. Dry skin suits richer squalane or ceramide creams, oily skin a gel cream. The skin around the eyes is a third as thick as the rest of the face, so use a dedicated eye cream, and only a rice-grain amount.

SUB face-masks | 面膜 | Face Masks
shape box
price 59 | 199
weight 180
axes spec
opt spec | 5P | 5片装 | Pack of 5 | 0.55 | 0.5
opt spec | 10P | 10片装 | Pack of 10 | 1.0 | 1.0
opt spec | 20P | 20片装 | Pack of 20 | 1.8 | 1.9
opt spec | 30P | 30片装 | Pack of 30 | 2.5 | 2.8
attr skin_type | 干性肌肤=Dry | 油性肌肤=Oily | 混合性肌肤=Combination | 敏感肌肤=Sensitive | 所有肤质=All skin types
attr efficacy | 补水保湿=Hydrating | 提亮肤色=Brightening | 舒缓修护=Soothing
noun 补水面膜 | Sheet Mask | sheet-mask | 洁面后敷15分钟，取下后轻拍余液至吸收，无需清洗 | Leave on for 15 minutes after cleansing, then pat in the leftover essence; no need to rinse
noun 水凝胶面膜 | Hydrogel Mask | sheet-mask | 冷藏后使用更舒适，敷20分钟后揭下 | Chill it first for extra comfort and peel off after 20 minutes
noun 生物纤维面膜 | Bio-Cellulose Mask | sheet-mask | 膜布薄透服帖，适合晒后或熬夜后急救 | The thin, clingy cellulose sheet is ideal after sun exposure or a late night
noun 冻干面膜 | Freeze-Dried Mask | sheet-mask | 将冻干片与溶媒混合，30秒溶解后敷上面膜布 | Mix the freeze-dried disc with its activator, wait 30 seconds, then apply with the sheet
noun 眼膜贴 | Eye Patches | eye-patch | 敷于眼下15分钟，缓解熬夜后的浮肿与干纹 | Place under the eyes for 15 minutes to ease puffiness and dry lines after a late night
feat 玻尿酸 | Hyaluronic | hyaluronic | 急救补水 | Intensive hydration | 含高浓度玻尿酸精华，一片喝饱水 | is soaked in concentrated hyaluronic essence for a deep drink of moisture
feat 烟酰胺 | Niacinamide | niacinamide | 提亮肤色 | Brightening | 添加烟酰胺，连续使用改善暗沉 | adds niacinamide to brighten dullness with regular use
feat 积雪草 | Centella | centella | 舒缓镇静 | Calming | 含积雪草精华，舒缓晒后与换季泛红 | contains centella to calm redness after sun or seasonal change
feat 神经酰胺 | Ceramide | ceramide | 修护干燥 | Repairs dryness | 添加神经酰胺，修护干燥起皮 | adds ceramides to repair dry, flaky patches
feat 重组胶原蛋白 | Collagen | collagen | 弹润修护 | Plump and repair | 含重组胶原蛋白，帮助修护并提升弹润度 | contains recombinant collagen to support repair and plump the skin
feat 维C | Vitamin C | vitamin-c | 焕亮 | Glow boost | 添加维C衍生物，敷后肤色透亮 | adds a vitamin C derivative for a brighter look after each use
feat 二裂酵母 | Bifida Ferment | ferment | 稳肤修护 | Strengthening | 添加二裂酵母精粹，帮助稳定肌肤状态 | adds bifida ferment to help keep skin steady
point 每片精华液约25ml，敷完余液还可涂颈部 | Each sheet carries about 25 ml of essence, with plenty left for the neck
point 独立铝箔包装，单片密封方便出差携带 | Individually foil-sealed and easy to pack for trips
point 建议每周使用2至3次，敏感期可适当减少 | Use two or three times a week, less often when skin is reactive
guide 面膜是集中护理而非每天必需，每周2至3次即可。干皮看玻尿酸和神经酰胺，暗沉肌看烟酰胺，泛红敏感肌看积雪草；敷的时间以15到20分钟为宜，膜布变干前一定要取下。 | Masks are a boost, not a daily must: two or three times a week is plenty. Dry skin should look for hyaluronic acid and ceramides, dull skin for niacinamide, and red, sensitive skin for centella. Leave on 15 to 20 minutes and always remove before the sheet dries out.

SUB sun-care | 防晒隔离 | Sun Care
shape tube
price 79 | 229
weight 90
axes capacity
opt capacity | 30ML | 30ml | 30 ml | 0.6 | 0.55
opt capacity | 50ML | 50ml | 50 ml | 1.0 | 1.0
opt capacity | 80ML | 80ml | 80 ml | 1.45 | 1.5
opt capacity | 150ML | 150ml | 150 ml | 2.3 | 2.6
attr skin_type | 干性肌肤=Dry | 油性肌肤=Oily | 混合性肌肤=Combination | 敏感肌肤=Sensitive | 所有肤质=All skin types
attr scene | 日常通勤=Daily commute | 户外运动=Outdoor sports | 海边度假=Beach holiday
noun 防晒霜 | Sunscreen | sunscreen | 出门前15分钟足量涂抹，全脸约一元硬币大小 | Apply a generous coin-sized amount to the face 15 minutes before going out
noun 防晒乳 | Sun Milk | sunscreen | 用前摇匀，户外每两小时补涂一次 | Shake well before use and reapply every two hours outdoors
noun 防晒喷雾 | Sun Spray | sunscreen | 距离身体15厘米均匀喷涂，面部先喷在手心再涂抹 | Spray evenly from 15 cm; for the face, spray into your palm first
noun 隔离霜 | Tone-Up Primer | primer | 护肤后、底妆前使用，修饰暗沉并兼顾日常防护 | Use after skincare and before foundation to brighten dullness with daily protection
noun 防晒棒 | Sun Stick | sunscreen | 直接涂抹于鼻梁、颧骨等易晒部位，方便随时补涂 | Swipe it over the nose and cheekbones for easy top-ups on the go
feat SPF50+ | SPF50+ | spf | 高倍防护 | High protection | 达到SPF50+ PA++++，应对高强度紫外线 | reaches SPF50+ PA++++ for strong midday sun
feat 清透水感 | Aqua Light | spf | 轻薄不闷 | Light and breathable | 采用水感质地，上脸即化，不闷痘 | has a watery texture that melts in without clogging pores
feat 物理防晒 | Mineral | mineral-spf | 温和低敏 | Gentle mineral filters | 以氧化锌为核心的纯物理防晒配方，敏感肌友好 | relies on zinc oxide mineral filters that are kind to sensitive skin
feat 防水防汗 | Water-Resistant | spf | 防水防汗 | Sweat and water resistant | 通过80分钟抗水测试，运动游泳也不易脱落 | passed an 80-minute water-resistance test, so it stays put through sport and swimming
feat 素颜 | Tone-Up | primer | 自然提亮 | Natural tone-up | 轻微提亮肤色，打造自然好气色 | gives a subtle tone-up for a fresh, natural look
feat 积雪草 | Centella | centella | 晒后舒缓 | Calming | 添加积雪草，防晒的同时舒缓肌肤 | adds centella so skin stays calm under the sun
feat 全家可用 | Family | mineral-spf | 全家共享 | For the whole family | 配方温和，3岁以上儿童也可使用，全家共享一瓶 | is gentle enough for children over three, so the whole family can share one bottle
point 成膜快，涂后3分钟即可上妆 | Sets in three minutes, ready for makeup
point 普通洁面即可卸除，无需专门卸妆 | Washes off with an ordinary cleanser, no makeup remover needed
point 瓶身与软管均可回收 | Bottle and tube are recyclable
guide 日常通勤选SPF30、PA+++即可，户外和海边选SPF50+、PA++++并且防水。比起指数，更重要的是用量足够和按时补涂：全脸约一元硬币大小，户外每两小时补一次。 | For the daily commute SPF30 PA+++ is enough; for outdoor days and the beach choose SPF50+ PA++++ with water resistance. More important than the number is using enough and reapplying: a coin-sized amount for the face, topped up every two hours outdoors.
"""
